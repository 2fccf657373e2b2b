import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';
import { FlowPage } from './flow-page';
import { FlowsPage } from './flows-page';

/** `/flows?q=etl&page=2`: the name search and the page are part of the URL. */
const FlowsSearch = z.object({
  q: z.string().optional(),
  page: z.number().int().min(1).optional(),
});

export const flowsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows',
  validateSearch: FlowsSearch,
  component: FlowsPage,
});

export const flowsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows/$id',
  component: FlowPage,
});

export const flowsRoutes = [flowsRoute, flowsIdRoute];
