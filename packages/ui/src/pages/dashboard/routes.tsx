import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { DashboardSearch } from './dashboard-window';

export const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: DashboardSearch,
  component: lazyRouteComponent(() => import('./dashboard-page'), 'DashboardPage'),
});

export const dashboardRoutes = [homeRoute];
