import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { TodoPage } from '../../components/todo-page';

export const workPoolsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work-pools',
  component: () => <TodoPage name="/work-pools" />,
});

export const workPoolsNameRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work-pools/$name',
  component: () => <TodoPage name="/work-pools/$name" />,
});

export const workPoolsRoutes = [workPoolsRoute, workPoolsNameRoute];
