import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';
import { VariablesPage } from './variables-page';

/** `/variables?q=region`: the name search. */
const VariablesSearch = z.object({ q: z.string().optional() });

export const variablesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/variables',
  validateSearch: VariablesSearch,
  component: VariablesPage,
});

export const variablesRoutes = [variablesRoute];
