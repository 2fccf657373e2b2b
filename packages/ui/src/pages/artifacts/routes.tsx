import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { ArtifactType } from '@weft/schemas';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';

/** `/artifacts?type=table&q=report`: the type filter and the key search. */
const ArtifactsSearch = z.object({
  type: ArtifactType.optional().catch(undefined),
  q: z.string().optional(),
});

export const artifactsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/artifacts',
  validateSearch: ArtifactsSearch,
  component: lazyRouteComponent(() => import('./artifacts-page'), 'ArtifactsPage'),
});

export const artifactsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/artifacts/$id',
  component: lazyRouteComponent(() => import('./artifact-page'), 'ArtifactPage'),
});

export const artifactsRoutes = [artifactsRoute, artifactsIdRoute];
