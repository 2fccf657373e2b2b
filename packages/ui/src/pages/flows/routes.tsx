import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';

/** `/flows?q=etl&page=2`: the name search and the page are part of the URL. */
const FlowsSearch = z.object({
  q: z.string().optional(),
  page: z.number().int().min(1).optional(),
});

export const flowsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows',
  validateSearch: FlowsSearch,
  component: lazyRouteComponent(() => import('./flows-page'), 'FlowsPage'),
});

export const flowsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows/$id',
  component: lazyRouteComponent(() => import('./flow-page'), 'FlowPage'),
});

export const flowsRoutes = [flowsRoute, flowsIdRoute];
