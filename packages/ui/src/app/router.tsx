import { Center, Loader } from '@mantine/core';
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

/** What shows while a page's code loads (each page is its own chunk), after a short wait. */
function PagePending() {
  return (
    <Center py="xl" data-testid="page-pending">
      <Loader size="sm" aria-label="Loading the page" />
    </Center>
  );
}

/**
 * Every page has its own URL: a run, a deployment, a block, a filtered list can be linked to. Pages
 * load their code when first opened, or on hover of a link to them (`defaultPreload: 'intent'`).
 */
export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  scrollRestoration: true,
  defaultPendingComponent: PagePending,
  defaultPendingMs: 200,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
