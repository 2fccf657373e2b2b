import type { JsonObject } from '@weft/schemas';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ValidationError } from '../../errors';

// ajv-formats is CommonJS with `exports.default`; depending on the loader the default import is
// the plugin itself or the module record holding it.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

/** The most compiled parameter schemas kept; past it the cache starts over. */
const MAX_CACHED_VALIDATORS = 500;

/** A deployment as the parameter validator sees it. */
export interface ParameterSchemaOwner {
  id: string;
  updatedAt: Date;
  parameterSchema: JsonObject | null;
}

/**
 * Checks run parameters against deployments' parameter JSON Schemas (draft 2020-12, which zod's
 * `toJSONSchema` writes; draft-07 schemas use the same keywords). Each schema is compiled once
 * and cached by deployment id and `updatedAt`, so an updated deployment gets a fresh validator.
 */
export interface ParameterValidator {
  /**
   * Throws a ValidationError naming the parameter (`parameters.count: must be integer`). A
   * deployment without a schema accepts any parameters.
   */
  validate(owner: ParameterSchemaOwner, parameters: JsonObject): void;
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: false, useDefaults: false });
  addFormats(ajv);
  return ajv;
}

/** Compile a parameter schema, or throw a ValidationError at `path` naming why it is not one. */
function compile(ajv: Ajv2020, schema: JsonObject, path: string): ValidateFunction {
  // A `$schema` naming a draft this instance does not load would fail compilation; the keywords
  // are what matters.
  const { $schema: _ignored, $id: _id, ...rest } = schema;
  try {
    return ajv.compile(rest);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`is not a valid JSON Schema (${reason})`, { path, cause: error });
  }
}

/** Throw a ValidationError when a deployment's parameter schema does not compile. */
export function assertParameterSchema(schema: JsonObject, path = 'parameterSchema'): void {
  compile(createAjv(), schema, path);
}

/**
 * Check a deployment's default parameters against its schema, without the schema's top-level
 * `required`: defaults may be partial, a run supplies the rest. Throws a ValidationError naming
 * the parameter.
 */
export function assertDefaultParameters(schema: JsonObject, parameters: JsonObject): void {
  const { required: _required, ...partial } = schema;
  const validate = compile(createAjv(), partial, 'parameterSchema');
  if (validate(parameters)) return;
  const [error] = validate.errors ?? [];
  if (error) throw new ValidationError(errorMessage(error), { path: errorPath(error) });
}

function errorPath(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
  return ['parameters', ...segments].join('.');
}

function errorMessage(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not a parameter of this flow';
  return error.message ?? 'is invalid';
}

/** Create a parameter validator with its own cache of compiled schemas. */
export function createParameterValidator(): ParameterValidator {
  const ajv = createAjv();
  const cache = new Map<string, ValidateFunction>();
  const validatorOf = (owner: ParameterSchemaOwner, schema: JsonObject) => {
    const key = `${owner.id}:${owner.updatedAt.getTime()}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const validate = compile(ajv, schema, 'parameterSchema');
    if (cache.size >= MAX_CACHED_VALIDATORS) {
      cache.clear();
      // Compiled schemas are also kept inside Ajv; start it over with the cache.
      ajv.removeSchema();
    }
    cache.set(key, validate);
    return validate;
  };
  return {
    validate(owner, parameters) {
      // Without a schema there is nothing to enforce (Prefect answers 409 here; a deployment made
      // through the API without a schema would otherwise be unrunnable under the default).
      if (!owner.parameterSchema) return;
      const validate = validatorOf(owner, owner.parameterSchema);
      if (validate(parameters)) return;
      const [error] = validate.errors ?? [];
      if (!error) return;
      throw new ValidationError(errorMessage(error), { path: errorPath(error) });
    },
  };
}
