import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';

/** `/blocks?type=webhook&q=alerts`: the type filter and the name search. */
const BlockListSearch = z.object({
  type: z.string().optional(),
  q: z.string().optional(),
});

export const blocksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks',
  validateSearch: BlockListSearch,
  component: lazyRouteComponent(() => import('./block-list-page'), 'BlockListPage'),
});

export const blocksCatalogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog',
  component: lazyRouteComponent(() => import('./block-catalog-page'), 'BlockCatalogPage'),
});

export const blocksCatalogSlugRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog/$slug',
  component: lazyRouteComponent(() => import('./block-type-page'), 'BlockTypePage'),
});

export const blocksCatalogSlugCreateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog/$slug/create',
  component: lazyRouteComponent(() => import('./block-create-page'), 'BlockCreatePage'),
});

export const blocksBlockIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/block/$id',
  component: lazyRouteComponent(() => import('./block-page'), 'BlockPage'),
});

export const blocksBlockIdEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/block/$id/edit',
  component: lazyRouteComponent(() => import('./block-edit-page'), 'BlockEditPage'),
});

export const blocksRoutes = [
  blocksRoute,
  blocksCatalogRoute,
  blocksCatalogSlugRoute,
  blocksCatalogSlugCreateRoute,
  blocksBlockIdRoute,
  blocksBlockIdEditRoute,
];
