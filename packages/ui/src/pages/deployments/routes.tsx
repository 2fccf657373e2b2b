import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { DeploymentSearch, DeploymentsSearch } from './deployment-search';

export const deploymentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments',
  validateSearch: DeploymentsSearch,
  component: lazyRouteComponent(() => import('./deployments-page'), 'DeploymentsPage'),
});

export const deploymentsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments/$id',
  validateSearch: DeploymentSearch,
  component: lazyRouteComponent(() => import('./deployment-page'), 'DeploymentPage'),
});

export const deploymentsIdRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments/$id/run',
  component: lazyRouteComponent(() => import('./run-page'), 'RunPage'),
});

export const deploymentsRoutes = [deploymentsRoute, deploymentsIdRoute, deploymentsIdRunRoute];
