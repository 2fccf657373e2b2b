import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonValue } from '../core/json';
import { enumFilter, FilterOperator, IdFilter, Pagination, StringFilter } from '../filters/operators';

/** The kinds of artifact; `progress` is the one meant to be updated while a run goes on. */
export const ARTIFACT_TYPES = ['markdown', 'table', 'link', 'progress', 'image', 'result'] as const;
export const ArtifactType = z.enum(ARTIFACT_TYPES);
export type ArtifactType = z.infer<typeof ArtifactType>;

/** The longest artifact key. */
export const MAX_ARTIFACT_KEY_LENGTH = 255;
/** The largest artifact data, in characters of its JSON serialization. */
export const MAX_ARTIFACT_DATA_LENGTH = 1_000_000;

/** An artifact key: 1–255 lowercase letters, digits and dashes. Artifacts of one key are versions. */
export const ArtifactKey = z
  .string()
  .min(1, 'key must not be empty')
  .max(MAX_ARTIFACT_KEY_LENGTH, `key must be at most ${MAX_ARTIFACT_KEY_LENGTH} characters`)
  .regex(/^[a-z0-9-]+$/, 'key may contain only lowercase letters, digits and dashes');

/** Free-form string labels of an artifact. */
export const ArtifactMetadata = z.record(z.string().max(255), z.string().max(5000));
export type ArtifactMetadata = z.infer<typeof ArtifactMetadata>;

/** A table: rows as objects (`[{a: 1}]`) or as lists of cells (`[[1, 2]]`). */
export const ArtifactTable = z.union([z.array(z.record(z.string(), JsonValue)), z.array(z.array(JsonValue))]);

const DATA_BY_TYPE: Record<ArtifactType, z.ZodType> = {
  markdown: z.string(),
  table: ArtifactTable,
  link: z.string().min(1),
  progress: z.number().min(0).max(100),
  image: z.string().min(1),
  result: JsonValue,
};

const DATA_EXPECTED: Record<ArtifactType, string> = {
  markdown: 'a markdown string',
  table: 'a list of row objects or a list of row lists',
  link: 'a markdown link string',
  progress: 'a number from 0 to 100',
  image: 'an image URL string',
  result: 'a JSON value',
};

/** The problem with `data` for an artifact of `type`, or undefined when it fits. */
export function checkArtifactData(type: ArtifactType, data: unknown): string | undefined {
  if (!DATA_BY_TYPE[type].safeParse(data).success)
    return `data of a ${type} artifact must be ${DATA_EXPECTED[type]}`;
  if (JSON.stringify(data).length > MAX_ARTIFACT_DATA_LENGTH) {
    return `data must be at most ${MAX_ARTIFACT_DATA_LENGTH} characters as JSON`;
  }
  return undefined;
}

/** Something a run produced for people to read: a report, a table, a link, progress, an image. */
export const Artifact = z.object({
  id: Uuid,
  key: z.string().nullable(),
  type: ArtifactType,
  description: z.string().nullable(),
  data: JsonValue,
  metadata: ArtifactMetadata,
  flowRunId: Uuid.nullable(),
  taskRunId: Uuid.nullable(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Artifact = z.infer<typeof Artifact>;

/** Create an artifact; a keyed one becomes the newest version of its key. */
export const ArtifactCreate = z
  .object({
    key: ArtifactKey.nullish(),
    type: ArtifactType,
    description: z.string().max(100_000).nullish(),
    data: JsonValue,
    metadata: ArtifactMetadata.default({}),
    flowRunId: Uuid.nullish(),
    taskRunId: Uuid.nullish(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = checkArtifactData(input.type, input.data);
    if (problem) ctx.addIssue({ code: 'custom', path: ['data'], message: problem });
  });
export type ArtifactCreate = z.input<typeof ArtifactCreate>;

/** Change an artifact's data (e.g. progress), description or metadata; its type stays. */
export const ArtifactUpdate = z
  .object({
    id: Uuid,
    data: JsonValue.optional(),
    description: z.string().max(100_000).nullish(),
    metadata: ArtifactMetadata.optional(),
  })
  .strict();
export type ArtifactUpdate = z.input<typeof ArtifactUpdate>;

export const ArtifactFilter = z
  .object({
    operator: FilterOperator.optional(),
    id: IdFilter.optional(),
    key: StringFilter.optional(),
    type: enumFilter(ArtifactType).optional(),
    flowRunId: IdFilter.optional(),
    taskRunId: IdFilter.optional(),
  })
  .strict();
export type ArtifactFilter = z.infer<typeof ArtifactFilter>;

/** Orders of artifact lists; "newest" is the order of creation. */
export const ARTIFACT_SORTS = ['NEWEST', 'OLDEST', 'KEY_ASC'] as const;
export const ArtifactSort = z.enum(ARTIFACT_SORTS);
export type ArtifactSort = z.infer<typeof ArtifactSort>;

/** List artifacts, or (`artifacts.latest`) the newest artifact of each key. */
export const ArtifactListInput = Pagination.extend({
  filter: ArtifactFilter.optional(),
  sort: ArtifactSort.default('NEWEST'),
}).strict();
export type ArtifactListInput = z.input<typeof ArtifactListInput>;
