import type {
  BlockDocument,
  BlockDocumentCreate,
  BlockDocumentListInput,
  BlockDocumentUpdate,
  BlockSchema,
  BlockSchemaCreate,
  BlockSchemaListInput,
  BlockType,
  BlockTypeListInput,
  BlockTypeSpec,
  BlockTypeUpsert,
} from '@weft/schemas';
import type { z } from 'zod';

// Service contracts of the block domain, typed by schema types only: they are part of the
// router's type (through the context), so nothing here may import kysely or row types.

/** Block types: upsert by slug, register a plugin's spec, read, list, delete. */
export interface BlockTypeService {
  upsert(input: z.output<typeof BlockTypeUpsert>): Promise<BlockType>;
  /** Upsert the type and create (idempotently) its schema, in one transaction. */
  register(
    input: z.output<typeof BlockTypeSpec>,
  ): Promise<{ blockType: BlockType; blockSchema: BlockSchema }>;
  get(id: string): Promise<BlockType>;
  getBySlug(slug: string): Promise<BlockType>;
  list(input: z.output<typeof BlockTypeListInput>): Promise<BlockType[]>;
  delete(id: string): Promise<{ id: string }>;
}

/** Block schemas: create (idempotent by checksum within the type), read, list. */
export interface BlockSchemaService {
  create(input: z.output<typeof BlockSchemaCreate>): Promise<BlockSchema>;
  get(id: string): Promise<BlockSchema>;
  list(input: z.output<typeof BlockSchemaListInput>): Promise<BlockSchema[]>;
}

/** Block documents: secrets encrypted at rest and masked unless `includeSecrets`. */
export interface BlockDocumentService {
  create(input: z.output<typeof BlockDocumentCreate>): Promise<BlockDocument>;
  get(id: string, includeSecrets: boolean): Promise<BlockDocument>;
  /** By `type-slug/name`. */
  getByName(name: string, includeSecrets: boolean): Promise<BlockDocument>;
  list(input: z.output<typeof BlockDocumentListInput>): Promise<BlockDocument[]>;
  update(input: z.output<typeof BlockDocumentUpdate>): Promise<BlockDocument>;
  delete(id: string): Promise<{ id: string }>;
}
