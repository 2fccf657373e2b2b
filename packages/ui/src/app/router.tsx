import { createRouter } from '@tanstack/react-router';
import { artifactsRoutes } from '../pages/artifacts/routes';
import { blocksRoutes } from '../pages/blocks/routes';
import { concurrencyRoutes } from '../pages/concurrency/routes';
import { dashboardRoutes } from '../pages/dashboard/routes';
import { deploymentsRoutes } from '../pages/deployments/routes';
import { flowsRoutes } from '../pages/flows/routes';
import { runsRoutes } from '../pages/runs/routes';
import { variablesRoutes } from '../pages/variables/routes';
import { workPoolsRoutes } from '../pages/work-pools/routes';
import { rootRoute } from './root-route';

const routeTree = rootRoute.addChildren([
  ...dashboardRoutes,
  ...runsRoutes,
  ...flowsRoutes,
  ...deploymentsRoutes,
  ...workPoolsRoutes,
  ...blocksRoutes,
  ...variablesRoutes,
  ...artifactsRoutes,
  ...concurrencyRoutes,
]);

/** Every page has its own URL: a run, a deployment, a block, a filtered list can be linked to. */
export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
