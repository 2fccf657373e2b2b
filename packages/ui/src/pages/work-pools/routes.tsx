import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';
import { WORK_POOL_TABS, WorkPoolPage } from './work-pool-page';
import { WorkPoolsPage } from './work-pools-page';

/** `/work-pools/$name?tab=workers`. */
const WorkPoolSearch = z.object({ tab: z.enum(WORK_POOL_TABS).optional().catch(undefined) });

export const workPoolsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work-pools',
  component: WorkPoolsPage,
});

export const workPoolsNameRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work-pools/$name',
  validateSearch: WorkPoolSearch,
  component: WorkPoolPage,
});

export const workPoolsRoutes = [workPoolsRoute, workPoolsNameRoute];
