import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { TodoPage } from '../../components/todo-page';

export const deploymentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments',
  component: () => <TodoPage name="/deployments" />,
});

export const deploymentsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments/$id',
  component: () => <TodoPage name="/deployments/$id" />,
});

export const deploymentsIdRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deployments/$id/run',
  component: () => <TodoPage name="/deployments/$id/run" />,
});

export const deploymentsRoutes = [deploymentsRoute, deploymentsIdRoute, deploymentsIdRunRoute];
