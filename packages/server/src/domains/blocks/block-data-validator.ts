import type { JsonObject } from '@weft/schemas';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ValidationError } from '../../errors';

// ajv-formats is CommonJS with `exports.default` (see work-pools/job-variables.ts).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: false });
addFormats(ajv);
/** Compiled validators by schema id; a schema never changes once stored. */
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 500;

/**
 * Check a block document's data (secrets and nested blocks filled in) against its schema's
 * fields. Throws a {@link ValidationError} naming the field (`data.url: is required`); the
 * message never carries a value, so no secret can leak through it.
 */
export function validateBlockData(schemaId: string, fields: JsonObject, data: JsonObject): void {
  let validate = compiled.get(schemaId);
  if (!validate) {
    const { $schema: _ignored, ...rest } = fields;
    try {
      validate = ajv.compile(rest);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ValidationError(`is not a valid JSON Schema (${reason})`, { path: 'fields', cause: error });
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(schemaId, validate);
  }
  if (validate(data)) return;
  const [error] = validate.errors ?? [];
  if (!error) return;
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
  const message =
    error.keyword === 'required'
      ? 'is required'
      : error.keyword === 'additionalProperties'
        ? 'is not a field of this block'
        : (error.message ?? 'is invalid');
  throw new ValidationError(message, { path: ['data', ...segments].join('.') });
}

/** Compile a schema's fields now, so a bad JSON Schema is refused when it is created. */
export function assertValidFieldsSchema(fields: JsonObject): void {
  const { $schema: _ignored, ...rest } = fields;
  try {
    ajv.compile(rest);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`is not a valid JSON Schema (${reason})`, { path: 'fields', cause: error });
  }
}
