import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';

/** `/variables?q=region`: the name search. */
const VariablesSearch = z.object({ q: z.string().optional() });

export const variablesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/variables',
  validateSearch: VariablesSearch,
  component: lazyRouteComponent(() => import('./variables-page'), 'VariablesPage'),
});

export const variablesRoutes = [variablesRoute];
