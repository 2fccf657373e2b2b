import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { FilterOperator, IdFilter, Pagination, StringFilter, TagsFilter } from '../filters/operators';

/** Characters a flow name may not contain. */
export const FLOW_NAME_BANNED_CHARACTERS = ['/', '%', '&', '>', '<'] as const;

/** A flow's name: 1–256 characters, none of `/ % & > <`. */
export const FlowName = z
  .string()
  .min(1, 'name must not be empty')
  .max(256)
  .refine((name) => !FLOW_NAME_BANNED_CHARACTERS.some((c) => name.includes(c)), {
    message: `name must not contain any of ${FLOW_NAME_BANNED_CHARACTERS.join(' ')}`,
  });

/** A list of tags. */
export const Tags = z.array(z.string().min(1).max(256)).max(100);

/** A flow: a named function whose runs Weft records. */
export const Flow = z.object({
  id: Uuid,
  name: z.string(),
  tags: z.array(z.string()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Flow = z.infer<typeof Flow>;

/** Create a flow; idempotent by name (an existing flow of that name is returned). */
export const FlowCreate = z.object({ name: FlowName, tags: Tags.default([]) });
export type FlowCreate = z.input<typeof FlowCreate>;

/** Filter flows. */
export const FlowFilter = z
  .object({
    operator: FilterOperator.optional(),
    id: IdFilter.optional(),
    name: StringFilter.optional(),
    tags: TagsFilter.optional(),
  })
  .strict();
export type FlowFilter = z.infer<typeof FlowFilter>;

export const FLOW_SORTS = ['CREATED_DESC', 'UPDATED_DESC', 'NAME_ASC', 'NAME_DESC'] as const;
export const FlowSort = z.enum(FLOW_SORTS);
export type FlowSort = z.infer<typeof FlowSort>;

/** List flows. */
export const FlowListInput = Pagination.extend({
  filter: FlowFilter.optional(),
  sort: FlowSort.default('NAME_ASC'),
});
export type FlowListInput = z.input<typeof FlowListInput>;
