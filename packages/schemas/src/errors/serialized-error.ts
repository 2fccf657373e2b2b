import { z } from 'zod';
import { JsonValue } from '../core/json';

/**
 * A failure in user code, as data: what goes into a FAILED or CRASHED state's `data` and into logs.
 * `builtin` is a JavaScript error class (TypeError…), `custom` a user's Error subclass, `string` a
 * thrown non-Error, `internal` a Weft error with its code.
 */
export const SerializedError = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('builtin'),
    name: z.string(),
    message: z.string(),
    stack: z.string().optional(),
  }),
  z.object({
    kind: z.literal('custom'),
    name: z.string(),
    message: z.string(),
    stack: z.string().optional(),
    data: JsonValue.optional(),
  }),
  z.object({ kind: z.literal('string'), message: z.string() }),
  z.object({
    kind: z.literal('internal'),
    code: z.string(),
    message: z.string(),
    stack: z.string().optional(),
  }),
]);
export type SerializedError = z.infer<typeof SerializedError>;
