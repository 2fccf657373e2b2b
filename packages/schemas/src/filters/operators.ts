import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';

/** How the fields of one filter combine. @default 'and' */
export const FilterOperator = z.enum(['and', 'or']);
export type FilterOperator = z.infer<typeof FilterOperator>;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(1000);

/** Match ids: any of / none of / is null. */
export const IdFilter = z
  .object({ any: list(Uuid).optional(), notAny: list(Uuid).optional(), isNull: z.boolean().optional() })
  .strict();
export type IdFilter = z.infer<typeof IdFilter>;

/** Match a text field: any of / none of / contains (case-insensitive) / starts with / is null. */
export const StringFilter = z
  .object({
    any: list(z.string()).optional(),
    notAny: list(z.string()).optional(),
    like: z.string().optional(),
    startsWith: z.string().optional(),
    isNull: z.boolean().optional(),
  })
  .strict();
export type StringFilter = z.infer<typeof StringFilter>;

/** Match an enumerated field: any of / none of. */
export const enumFilter = <T extends z.ZodType>(item: T) =>
  z.object({ any: list(item).optional(), notAny: list(item).optional() }).strict();

/** Match a time: on or before / on or after (both inclusive) / is null. */
export const DateFilter = z
  .object({ before: DateTime.optional(), after: DateTime.optional(), isNull: z.boolean().optional() })
  .strict();
export type DateFilter = z.infer<typeof DateFilter>;

/** Match tags: has all of / has any of / has no tags. */
export const TagsFilter = z
  .object({
    all: list(z.string()).optional(),
    any: list(z.string()).optional(),
    isNull: z.boolean().optional(),
  })
  .strict();
export type TagsFilter = z.infer<typeof TagsFilter>;

/** The most rows one list call returns. */
export const MAX_LIMIT = 200;

/** Paging of a list: at most {@link MAX_LIMIT} rows from `offset`. */
export const Pagination = z.object({
  /** @default 200 */
  limit: z.number().int().min(0).max(MAX_LIMIT).default(MAX_LIMIT),
  /** @default 0 */
  offset: z.number().int().min(0).default(0),
});
export type Pagination = z.infer<typeof Pagination>;
