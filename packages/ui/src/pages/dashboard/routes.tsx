import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { DashboardPage } from './dashboard-page';
import { DashboardSearch } from './dashboard-window';

export const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: DashboardSearch,
  component: DashboardPage,
});

export const dashboardRoutes = [homeRoute];
