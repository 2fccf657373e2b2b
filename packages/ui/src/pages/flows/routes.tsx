import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { TodoPage } from '../../components/todo-page';

export const flowsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows',
  component: () => <TodoPage name="/flows" />,
});

export const flowsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flows/$id',
  component: () => <TodoPage name="/flows/$id" />,
});

export const flowsRoutes = [flowsRoute, flowsIdRoute];
