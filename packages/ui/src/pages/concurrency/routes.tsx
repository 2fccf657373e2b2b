import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { TodoPage } from '../../components/todo-page';

export const concurrencyLimitsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/concurrency-limits',
  component: () => <TodoPage name="/concurrency-limits" />,
});

export const concurrencyRoutes = [concurrencyLimitsRoute];
