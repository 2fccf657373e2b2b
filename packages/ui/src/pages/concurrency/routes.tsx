import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';

export const concurrencyLimitsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/concurrency-limits',
  component: lazyRouteComponent(() => import('./concurrency-limits-page'), 'ConcurrencyLimitsPage'),
});

export const concurrencyRoutes = [concurrencyLimitsRoute];
