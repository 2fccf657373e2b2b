import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { WorkPoolSearch } from './work-pool-search';

export const workPoolsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work-pools',
  component: lazyRouteComponent(() => import('./work-pools-page'), 'WorkPoolsPage'),
});

export const workPoolsNameRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work-pools/$name',
  validateSearch: WorkPoolSearch,
  component: lazyRouteComponent(() => import('./work-pool-page'), 'WorkPoolPage'),
});

export const workPoolsRoutes = [workPoolsRoute, workPoolsNameRoute];
