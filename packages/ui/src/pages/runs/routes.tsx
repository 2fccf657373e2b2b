import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { FlowRunSearch } from './flow-run/flow-run-search';
import { validateRunsSearch } from './list/runs-search';
import { TaskRunSearch } from './task-run/task-run-search';

export const runsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs',
  validateSearch: validateRunsSearch,
  component: lazyRouteComponent(() => import('./list/runs-page'), 'RunsPage'),
});

export const runsFlowRunIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/flow-run/$id',
  validateSearch: FlowRunSearch,
  component: lazyRouteComponent(() => import('./flow-run/flow-run-page'), 'FlowRunPage'),
});

export const runsTaskRunIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/task-run/$id',
  validateSearch: TaskRunSearch,
  component: lazyRouteComponent(() => import('./task-run/task-run-page'), 'TaskRunPage'),
});

export const runsRoutes = [runsRoute, runsFlowRunIdRoute, runsTaskRunIdRoute];
