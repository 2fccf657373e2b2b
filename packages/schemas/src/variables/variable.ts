import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonValue } from '../core/json';
import { FilterOperator, IdFilter, Pagination, StringFilter, TagsFilter } from '../filters/operators';

/** The longest variable name. */
export const MAX_VARIABLE_NAME_LENGTH = 255;
/** The longest variable value, in characters of its JSON serialization. */
export const MAX_VARIABLE_VALUE_LENGTH = 5000;
/** The most tags a variable may carry. */
export const MAX_VARIABLE_TAGS = 100;

/** A variable's name: 1–255 lowercase letters, digits, dashes and underscores. */
export const VariableName = z
  .string()
  .min(1, 'name must not be empty')
  .max(MAX_VARIABLE_NAME_LENGTH, `name must be at most ${MAX_VARIABLE_NAME_LENGTH} characters`)
  .regex(/^[a-z0-9_-]+$/, 'name may contain only lowercase letters, digits, dashes and underscores');

/** A variable's value: any JSON value of at most 5000 characters once serialized. */
export const VariableValue = JsonValue.refine(
  (value) => JSON.stringify(value).length <= MAX_VARIABLE_VALUE_LENGTH,
  { message: `value must be at most ${MAX_VARIABLE_VALUE_LENGTH} characters as JSON` },
);

/** A variable's tags: up to 100 non-empty strings of at most 255 characters. */
export const VariableTags = z.array(z.string().min(1).max(255)).max(MAX_VARIABLE_TAGS);

/** A named JSON value shared by flows (`variables.get('x')`) and set from the CLI or UI. */
export const Variable = z.object({
  id: Uuid,
  name: z.string(),
  value: JsonValue,
  tags: z.array(z.string()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Variable = z.infer<typeof Variable>;

/** Create a variable; a taken name is a conflict. */
export const VariableCreate = z
  .object({ name: VariableName, value: VariableValue, tags: VariableTags.default([]) })
  .strict();
export type VariableCreate = z.input<typeof VariableCreate>;

/** Change a variable (found by name); a field left out stays. `newName` renames it. */
export const VariableUpdate = z
  .object({
    name: z.string().min(1),
    newName: VariableName.optional(),
    value: VariableValue.optional(),
    tags: VariableTags.optional(),
  })
  .strict();
export type VariableUpdate = z.input<typeof VariableUpdate>;

/**
 * Create a variable or, with `overwrite`, replace the value (and the tags, when given) of the one
 * of that name. Without `overwrite` an existing name is a conflict.
 */
export const VariableSet = z
  .object({
    name: VariableName,
    value: VariableValue,
    tags: VariableTags.optional(),
    /** @default false */
    overwrite: z.boolean().default(false),
  })
  .strict();
export type VariableSet = z.input<typeof VariableSet>;

export const VariableFilter = z
  .object({
    operator: FilterOperator.optional(),
    id: IdFilter.optional(),
    name: StringFilter.optional(),
    tags: TagsFilter.optional(),
  })
  .strict();
export type VariableFilter = z.infer<typeof VariableFilter>;

export const VARIABLE_SORTS = ['NAME_ASC', 'NAME_DESC', 'CREATED_DESC', 'UPDATED_DESC'] as const;
export const VariableSort = z.enum(VARIABLE_SORTS);
export type VariableSort = z.infer<typeof VariableSort>;

/** List variables. */
export const VariableListInput = Pagination.extend({
  filter: VariableFilter.optional(),
  sort: VariableSort.default('NAME_ASC'),
}).strict();
export type VariableListInput = z.input<typeof VariableListInput>;
