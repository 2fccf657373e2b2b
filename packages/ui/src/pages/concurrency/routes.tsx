import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { ConcurrencyLimitsPage } from './concurrency-limits-page';

export const concurrencyLimitsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/concurrency-limits',
  component: ConcurrencyLimitsPage,
});

export const concurrencyRoutes = [concurrencyLimitsRoute];
