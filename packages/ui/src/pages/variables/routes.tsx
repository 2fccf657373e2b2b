import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { TodoPage } from '../../components/todo-page';

export const variablesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/variables',
  component: () => <TodoPage name="/variables" />,
});

export const variablesRoutes = [variablesRoute];
