import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { TodoPage } from '../../components/todo-page';

export const blocksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks',
  component: () => <TodoPage name="/blocks" />,
});

export const blocksCatalogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog',
  component: () => <TodoPage name="/blocks/catalog" />,
});

export const blocksCatalogSlugRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog/$slug',
  component: () => <TodoPage name="/blocks/catalog/$slug" />,
});

export const blocksCatalogSlugCreateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog/$slug/create',
  component: () => <TodoPage name="/blocks/catalog/$slug/create" />,
});

export const blocksBlockIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/block/$id',
  component: () => <TodoPage name="/blocks/block/$id" />,
});

export const blocksBlockIdEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/block/$id/edit',
  component: () => <TodoPage name="/blocks/block/$id/edit" />,
});

export const blocksRoutes = [
  blocksRoute,
  blocksCatalogRoute,
  blocksCatalogSlugRoute,
  blocksCatalogSlugCreateRoute,
  blocksBlockIdRoute,
  blocksBlockIdEditRoute,
];
