import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { TodoPage } from '../../components/todo-page';

export const artifactsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/artifacts',
  component: () => <TodoPage name="/artifacts" />,
});

export const artifactsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/artifacts/$id',
  component: () => <TodoPage name="/artifacts/$id" />,
});

export const artifactsRoutes = [artifactsRoute, artifactsIdRoute];
