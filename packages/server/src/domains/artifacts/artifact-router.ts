import {
  Artifact,
  ArtifactCreate,
  ArtifactFilter,
  ArtifactListInput,
  ArtifactUpdate,
  Uuid,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

const ById = z.object({ id: Uuid }).strict();
const ByFilter = z.object({ filter: ArtifactFilter.optional() }).strict();

/** `artifacts.*` procedures. */
export const artifactRouter = router({
  /** Create an artifact; a keyed one becomes its key's latest. */
  create: procedure
    .input(ArtifactCreate)
    .output(Artifact)
    .mutation(({ ctx, input }) => ctx.services.artifacts.create(input)),
  read: procedure
    .input(ById)
    .output(Artifact)
    .query(({ ctx, input }) => ctx.services.artifacts.get(input.id)),
  /** Every artifact (every version of every key), newest first by default. */
  list: procedure
    .input(ArtifactListInput)
    .output(z.array(Artifact))
    .query(({ ctx, input }) => ctx.services.artifacts.list(input)),
  count: procedure
    .input(ByFilter)
    .output(z.number().int())
    .query(({ ctx, input }) => ctx.services.artifacts.count(input.filter)),
  /** The latest-per-key collection: the newest artifact of each key, filtered after picking. */
  latest: procedure
    .input(ArtifactListInput)
    .output(z.array(Artifact))
    .query(({ ctx, input }) => ctx.services.artifacts.latest(input)),
  countLatest: procedure
    .input(ByFilter)
    .output(z.number().int())
    .query(({ ctx, input }) => ctx.services.artifacts.countLatest(input.filter)),
  /** The newest artifact of one key. */
  readLatest: procedure
    .input(z.object({ key: z.string().min(1) }).strict())
    .output(Artifact)
    .query(({ ctx, input }) => ctx.services.artifacts.getLatest(input.key)),
  /** Change data (e.g. progress), description or metadata; data must fit the artifact's type. */
  update: procedure
    .input(ArtifactUpdate)
    .output(Artifact)
    .mutation(({ ctx, input }) => ctx.services.artifacts.update(input)),
  /** Delete one version; its key's latest falls back to the previous version. */
  delete: procedure
    .input(ById)
    .output(z.object({ id: Uuid, key: z.string().nullable() }))
    .mutation(({ ctx, input }) => ctx.services.artifacts.delete(input.id)),
});
