import {
  BlockDocument,
  BlockDocumentCreate,
  BlockDocumentListInput,
  BlockDocumentReadByNameInput,
  BlockDocumentReadInput,
  BlockDocumentUpdate,
  BlockSchema,
  BlockSchemaCreate,
  BlockSchemaListInput,
  BlockType,
  BlockTypeListInput,
  BlockTypeSlug,
  BlockTypeSpec,
  BlockTypeUpsert,
  Uuid,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

/** `blockTypes.*` procedures. */
export const blockTypeRouter = router({
  upsert: procedure
    .input(BlockTypeUpsert)
    .output(BlockType)
    .mutation(({ ctx, input }) => ctx.services.blockTypes.upsert(input)),
  /** A plugin's block type spec: the type and its schema, in one transaction. */
  register: procedure
    .input(BlockTypeSpec)
    .output(z.object({ blockType: BlockType, blockSchema: BlockSchema }))
    .mutation(({ ctx, input }) => ctx.services.blockTypes.register(input)),
  read: procedure
    .input(z.object({ id: Uuid }))
    .output(BlockType)
    .query(({ ctx, input }) => ctx.services.blockTypes.get(input.id)),
  readBySlug: procedure
    .input(z.object({ slug: BlockTypeSlug }))
    .output(BlockType)
    .query(({ ctx, input }) => ctx.services.blockTypes.getBySlug(input.slug)),
  list: procedure
    .input(BlockTypeListInput)
    .output(z.array(BlockType))
    .query(({ ctx, input }) => ctx.services.blockTypes.list(input)),
  delete: procedure
    .input(z.object({ id: Uuid }))
    .output(z.object({ id: Uuid }))
    .mutation(({ ctx, input }) => ctx.services.blockTypes.delete(input.id)),
});

/** `blockSchemas.*` procedures. */
export const blockSchemaRouter = router({
  create: procedure
    .input(BlockSchemaCreate)
    .output(BlockSchema)
    .mutation(({ ctx, input }) => ctx.services.blockSchemas.create(input)),
  read: procedure
    .input(z.object({ id: Uuid }))
    .output(BlockSchema)
    .query(({ ctx, input }) => ctx.services.blockSchemas.get(input.id)),
  list: procedure
    .input(BlockSchemaListInput)
    .output(z.array(BlockSchema))
    .query(({ ctx, input }) => ctx.services.blockSchemas.list(input)),
});

/** `blockDocuments.*` procedures. Secret fields read as `'********'` unless `includeSecrets`. */
export const blockDocumentRouter = router({
  create: procedure
    .input(BlockDocumentCreate)
    .output(BlockDocument)
    .mutation(({ ctx, input }) => ctx.services.blockDocuments.create(input)),
  read: procedure
    .input(BlockDocumentReadInput)
    .output(BlockDocument)
    .query(({ ctx, input }) => ctx.services.blockDocuments.get(input.id, input.includeSecrets)),
  readByName: procedure
    .input(BlockDocumentReadByNameInput)
    .output(BlockDocument)
    .query(({ ctx, input }) => ctx.services.blockDocuments.getByName(input.name, input.includeSecrets)),
  list: procedure
    .input(BlockDocumentListInput)
    .output(z.array(BlockDocument))
    .query(({ ctx, input }) => ctx.services.blockDocuments.list(input)),
  update: procedure
    .input(BlockDocumentUpdate)
    .output(BlockDocument)
    .mutation(({ ctx, input }) => ctx.services.blockDocuments.update(input)),
  delete: procedure
    .input(z.object({ id: Uuid }))
    .output(z.object({ id: Uuid }))
    .mutation(({ ctx, input }) => ctx.services.blockDocuments.delete(input.id)),
});
