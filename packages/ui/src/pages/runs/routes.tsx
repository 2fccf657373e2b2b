import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { TodoPage } from '../../components/todo-page';
import { FlowRunPage } from './flow-run/flow-run-page';
import { FlowRunSearch } from './flow-run/flow-run-search';
import { RunsPage } from './list/runs-page';
import { RunsSearch } from './list/runs-search';

export const runsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs',
  validateSearch: RunsSearch,
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
  component: () => <TodoPage name="/runs/task-run/$id" />,
});

export const runsRoutes = [runsRoute, runsFlowRunIdRoute, runsTaskRunIdRoute];
