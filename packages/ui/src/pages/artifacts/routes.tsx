import { createRoute } from '@tanstack/react-router';
import { ArtifactType } from '@weft/schemas';
import { z } from 'zod';
import { rootRoute } from '../../app/root-route';
import { ArtifactPage } from './artifact-page';
import { ArtifactsPage } from './artifacts-page';

/** `/artifacts?type=table&q=report`: the type filter and the key search. */
const ArtifactsSearch = z.object({
  type: ArtifactType.optional().catch(undefined),
  q: z.string().optional(),
});

export const artifactsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/artifacts',
  validateSearch: ArtifactsSearch,
  component: ArtifactsPage,
});

export const artifactsIdRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/artifacts/$id',
  component: ArtifactPage,
});

export const artifactsRoutes = [artifactsRoute, artifactsIdRoute];
