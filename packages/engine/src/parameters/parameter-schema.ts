import { z } from 'zod';
import { ParameterValidationError } from '../errors';

/** The JSON Schema draft of {@link parameterJsonSchema}'s output (zod 4's default target). */
export const PARAMETER_SCHEMA_DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** A JSON Schema document, as stored on a flow or deployment. */
export type ParameterJsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12, `$schema` set) of a flow's zod parameter schema, as the server
 * stores it to validate runs created from deployments. It describes what callers may *send*
 * (zod's `io: 'input'`), so fields with defaults are optional. Dates become
 * `{type: 'string', format: 'date-time'}`; other types JSON cannot express (functions, bigint…)
 * become `{}` (anything) rather than failing.
 * @example parameterJsonSchema(z.object({ n: z.number() })) // { $schema: '…/2020-12/schema', type: 'object', properties: { n: { type: 'number' } }, required: ['n'] }
 */
export function parameterJsonSchema(schema: z.ZodType): ParameterJsonSchema {
  return z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'date') {
        ctx.jsonSchema.type = 'string';
        ctx.jsonSchema.format = 'date-time';
      }
    },
  }) as ParameterJsonSchema;
}

/** One problem found by {@link validateParameters}. */
export interface ParameterIssue {
  /** The field path, e.g. `n`, `rows[2].id`; empty for the parameters as a whole. */
  path: string;
  /** What is wrong, e.g. `Expected number, received string`. */
  message: string;
}

/** The outcome of {@link validateParameters}. */
export type ParameterValidationResult<T> =
  | { success: true; data: T }
  | {
      success: false;
      /** Every issue as `path: message`, joined with `; `. */
      message: string;
      issues: ParameterIssue[];
      /** The same, as an error to throw or to put into a FAILED state. */
      error: ParameterValidationError;
    };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function formatMessage(message: string): string {
  // zod 4 prefixes type errors with "Invalid input: "; the field path already says where.
  const text = message.replace(/^Invalid input: /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function failure<T>(issues: ParameterIssue[], cause?: unknown): ParameterValidationResult<T> {
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return { success: false, message, issues, error: new ParameterValidationError(message, { cause }) };
}

/**
 * Validates (and coerces, as the schema says) a run's parameters. The failure message names each
 * bad field, so the engine can report `Validation of flow parameters failed with error: n: Expected
 * number, received string` (the caller adds the prefix). Synchronous: schemas with async
 * refinements are reported as a failure.
 * @example
 * const result = validateParameters(z.object({ n: z.number() }), { n: 'x' })
 * if (!result.success) result.message // 'n: Expected number, received string'
 */
export function validateParameters<TSchema extends z.ZodType>(
  schema: TSchema,
  parameters: unknown,
): ParameterValidationResult<z.output<TSchema>> {
  let parsed: z.ZodSafeParseResult<z.output<TSchema>>;
  try {
    parsed = schema.safeParse(parameters);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failure([{ path: '', message: `The parameter schema could not be checked: ${message}` }], error);
  }
  if (parsed.success) return { success: true, data: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: formatMessage(issue.message),
  }));
  return failure(issues, parsed.error);
}
