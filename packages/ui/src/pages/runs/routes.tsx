import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { FlowRunPage } from './flow-run/flow-run-page';
import { FlowRunSearch } from './flow-run/flow-run-search';
import { RunsPage } from './list/runs-page';
import { validateRunsSearch } from './list/runs-search';
import { TaskRunPage } from './task-run/task-run-page';
import { TaskRunSearch } from './task-run/task-run-search';

export const runsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs',
  validateSearch: validateRunsSearch,
  component: RunsPage,
});

export const runsFlowRunIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/flow-run/$id',
  validateSearch: FlowRunSearch,
  component: FlowRunPage,
});

export const runsTaskRunIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/task-run/$id',
  validateSearch: TaskRunSearch,
  component: TaskRunPage,
});

export const runsRoutes = [runsRoute, runsFlowRunIdRoute, runsTaskRunIdRoute];
