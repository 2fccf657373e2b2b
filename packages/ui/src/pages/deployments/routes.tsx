import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';
import { DEPLOYMENT_TABS, DeploymentPage } from './deployment-page';
import { DeploymentsPage } from './deployments-page';
import { RunPage } from './run-page';

/** `/deployments?q=etl&page=2`. */
const DeploymentsSearch = z.object({
  q: z.string().optional(),
  page: z.number().int().min(1).optional(),
});

/** `/deployments/$id?tab=schedules`. */
const DeploymentSearch = z.object({ tab: z.enum(DEPLOYMENT_TABS).optional().catch(undefined) });

export const deploymentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments',
  validateSearch: DeploymentsSearch,
  component: DeploymentsPage,
});

export const deploymentsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments/$id',
  validateSearch: DeploymentSearch,
  component: DeploymentPage,
});

export const deploymentsIdRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments/$id/run',
  component: RunPage,
});

export const deploymentsRoutes = [deploymentsRoute, deploymentsIdRoute, deploymentsIdRunRoute];
