import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';
import { BlockCatalogPage } from './block-catalog-page';
import { BlockCreatePage } from './block-create-page';
import { BlockEditPage } from './block-edit-page';
import { BlockListPage } from './block-list-page';
import { BlockPage } from './block-page';
import { BlockTypePage } from './block-type-page';

/** `/blocks?type=webhook&q=alerts`: the type filter and the name search. */
const BlockListSearch = z.object({
  type: z.string().optional(),
  q: z.string().optional(),
});

export const blocksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks',
  validateSearch: BlockListSearch,
  component: BlockListPage,
});

export const blocksCatalogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog',
  component: BlockCatalogPage,
});

export const blocksCatalogSlugRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog/$slug',
  component: BlockTypePage,
});

export const blocksCatalogSlugCreateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/catalog/$slug/create',
  component: BlockCreatePage,
});

export const blocksBlockIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/block/$id',
  component: BlockPage,
});

export const blocksBlockIdEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/blocks/block/$id/edit',
  component: BlockEditPage,
});

export const blocksRoutes = [
  blocksRoute,
  blocksCatalogRoute,
  blocksCatalogSlugRoute,
  blocksCatalogSlugCreateRoute,
  blocksBlockIdRoute,
  blocksBlockIdEditRoute,
];
