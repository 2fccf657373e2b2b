import type { JsonObject } from '@weft/schemas';
import type { z } from 'zod';
import { ParameterValidationError } from '../errors';
import { parameterJsonSchema, validateParameters } from '../parameters/parameter-schema';
import { bindParameters, parameterNames } from '../tasks/parameter-names';

/** How a flow call's arguments became parameters. @internal */
export interface BoundFlowCall {
  /** What the flow function is called with. */
  args: unknown[];
  /** The parameters recorded on the flow run. */
  parameters: JsonObject;
  /** Set when the parameters failed validation: the message of the FAILED state. */
  validationError: ParameterValidationError | undefined;
}

/** A JSON-safe copy of a value for the flow run record (Dates become ISO strings). @internal */
export function toJsonObject(value: Record<string, unknown>): JsonObject {
  try {
    return JSON.parse(
      JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
    ) as JsonObject;
  } catch {
    // A cyclic parameter cannot be recorded as JSON; record its string form instead.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  }
}

/** Bind a flow call: validate against the zod schema, or bind positional arguments by name. @internal */
export function bindFlowCall(
  fn: (...args: never[]) => unknown,
  schema: z.ZodType | undefined,
  input: { args: unknown[] } | { parameters: Record<string, unknown> },
): BoundFlowCall {
  if (schema) {
    const raw = 'args' in input ? ((input.args[0] ?? {}) as Record<string, unknown>) : input.parameters;
    const result = validateParameters(schema, raw);
    if (!result.success) {
      const validationError = new ParameterValidationError(
        `Validation of flow parameters failed with error: ${result.message}`,
        { cause: result.error },
      );
      return { args: [raw], parameters: toJsonObject(raw), validationError };
    }
    const data = result.data as Record<string, unknown>;
    return { args: [data], parameters: toJsonObject(data), validationError: undefined };
  }
  const names = parameterNames(fn);
  if ('args' in input) {
    return {
      args: input.args,
      parameters: toJsonObject(bindParameters(names, input.args)),
      validationError: undefined,
    };
  }
  const params = input.parameters;
  const args =
    names.length === 1 && names[0] === null
      ? [params]
      : names.map((n) => params[(n ?? '').replace(/^\.\.\./, '')]);
  return { args, parameters: toJsonObject(params), validationError: undefined };
}

/** The parameter JSON Schema of a flow: from its zod schema, else an open object of its names. @internal */
export function flowParameterSchema(fn: (...args: never[]) => unknown, schema: z.ZodType | undefined) {
  if (schema) return parameterJsonSchema(schema);
  const names = parameterNames(fn).filter((n): n is string => n !== null);
  return {
    type: 'object',
    properties: Object.fromEntries(names.map((n) => [n.replace(/^\.\.\./, ''), {}])),
  } as Record<string, unknown>;
}
