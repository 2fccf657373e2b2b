import type { JsonObject, JsonValue } from '@weft/schemas';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ValidationError } from '../../errors';

// ajv-formats is CommonJS with `exports.default`; depending on the loader the default import is
// the plugin itself or the module record holding it.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

/** The parts of a base job template the job variable helpers read. */
export interface JobTemplateLike {
  /** JSON Schema of the variables (`properties[*].default` are the pool's defaults). */
  variables?: JsonObject | null;
}

/** The layers of job variables, lowest precedence first. */
export interface MergeJobVariablesInput {
  /** The pool's base job template; its variables' `default`s are the bottom layer. */
  template?: JobTemplateLike | null;
  /** The deployment's job variables. */
  deployment?: JsonObject | null;
  /** The flow run's job variables. */
  run?: JsonObject | null;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Recursively merge `patch` into a copy of `base`: objects merge key by key, anything else replaces. */
function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

/** Set `value` at a dotted path, creating (or replacing non-object) intermediate objects. */
function setPath(target: JsonObject, path: string[], value: JsonValue): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = target[head];
  const child: JsonObject = isPlainObject(next) ? { ...next } : {};
  setPath(child, rest, value);
  target[head] = child;
}

/**
 * Apply one layer of job variables over `base`. Plain keys replace, except `env`, whose object
 * is deep-merged; dot-keys (`env.FOO`, `labels.team`) then set one nested value, keeping siblings.
 */
function applyLayer(base: JsonObject, layer: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  const dotted: [string, JsonValue][] = [];
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    if (key.includes('.')) {
      dotted.push([key, value]);
      continue;
    }
    const existing = out[key];
    out[key] =
      key === 'env' && isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  for (const [key, value] of dotted) setPath(out, key.split('.'), value);
  return out;
}

/** Turn dot-keys (`env.FOO`) of one set of job variables into nested objects. */
export function expandDotKeys(values: JsonObject): JsonObject {
  return applyLayer({}, values);
}

/** The `default`s declared by a variables JSON Schema's top-level `properties`. */
export function jobVariableDefaults(variablesSchema: JsonObject | null | undefined): JsonObject {
  const properties = variablesSchema?.properties;
  const defaults: JsonObject = {};
  if (!isPlainObject(properties)) return defaults;
  for (const [name, property] of Object.entries(properties)) {
    if (isPlainObject(property) && property.default !== undefined) defaults[name] = property.default;
  }
  return defaults;
}

/**
 * The job variables a run gets: the template's defaults ← the deployment's ← the run's.
 * A key of a higher layer replaces the lower one, except `env`, which is deep-merged; a dot-key
 * (`env.FOO`) sets one nested value.
 *
 * @example
 * mergeJobVariables({ template, deployment: { env: { A: '1' } }, run: { 'env.B': '2' } })
 * // → { ...defaults, env: { A: '1', B: '2' } }
 */
export function mergeJobVariables(input: MergeJobVariablesInput): JsonObject {
  let merged = jobVariableDefaults(input.template?.variables);
  if (input.deployment) merged = applyLayer(merged, input.deployment);
  if (input.run) merged = applyLayer(merged, input.run);
  return merged;
}

const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: false });
addFormats(ajv);
/** Compiled validators by schema text; templates repeat across calls, so compile each once. */
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 200;

function compile(schema: JsonObject, path: string): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  // Our templates are plain JSON Schema; a `$schema` naming a draft Ajv's default build does not
  // load (2020-12 from zod) would fail compilation, and the keywords we use are the same.
  const { $schema: _ignored, ...rest } = schema;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(rest);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`is not a valid JSON Schema (${reason})`, { path, cause: error });
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(key, validate);
  return validate;
}

function errorPath(base: string, error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map(decodePointer);
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  return [base, ...segments].filter((s) => s !== '').join('.');
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Options of {@link validateJobVariables}. */
export interface ValidateJobVariablesOptions {
  /**
   * Whether the schema's top-level `required` applies. Only a flow run's merged variables are
   * complete; a deployment's or a template's are partial.
   * @default false
   */
  requireRequired?: boolean;
  /** The field path errors are reported under. @default 'jobVariables' */
  path?: string;
}

/**
 * Check job variables against a pool's variables JSON Schema (Ajv with formats). Dot-keys are
 * expanded first. Throws a {@link ValidationError} naming the field, e.g.
 * `jobVariables.image: must be string`.
 */
export function validateJobVariables(
  variablesSchema: JsonObject | null | undefined,
  values: JsonObject,
  options: ValidateJobVariablesOptions = {},
): void {
  const path = options.path ?? 'jobVariables';
  if (!variablesSchema || Object.keys(variablesSchema).length === 0) return;
  const schema = options.requireRequired ? variablesSchema : withoutRequired(variablesSchema);
  const validate = compile(schema, `${path} schema`);
  if (validate(expandDotKeys(values))) return;
  const [error] = validate.errors ?? [];
  if (!error) return;
  const message = error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid');
  throw new ValidationError(message, { path: errorPath(path, error) });
}

function withoutRequired(schema: JsonObject): JsonObject {
  const { required: _required, ...rest } = schema;
  return rest;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}$/;

/** The variable names a job configuration's `{{ name }}` placeholders use (the first path segment). */
export function jobConfigurationPlaceholders(jobConfiguration: JsonValue): Set<string> {
  const names = new Set<string>();
  const walk = (value: JsonValue): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(PLACEHOLDER)) {
        const name = match[1];
        if (name) names.add(name.split('.')[0] ?? name);
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (isPlainObject(value)) Object.values(value).forEach(walk);
  };
  walk(jobConfiguration);
  return names;
}

/**
 * Check a base job template on pool create or update: the variables schema compiles, its
 * defaults conform to it (strictly, types and formats; `required` is not applied), and every
 * placeholder of the job configuration names a declared variable.
 */
export function validateBaseJobTemplate(
  template: { variables: JsonObject; jobConfiguration: JsonObject },
  path = 'baseJobTemplate',
): void {
  const variablesPath = `${path}.variables`;
  const { variables } = template;
  if (variables.properties !== undefined && !isPlainObject(variables.properties)) {
    throw new ValidationError('must be an object', { path: `${variablesPath}.properties` });
  }
  compile(withoutRequired(variables), variablesPath);
  const properties = isPlainObject(variables.properties) ? variables.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isPlainObject(property) || property.default === undefined) continue;
    const one: JsonObject = { type: 'object', properties: { [name]: property } };
    validateJobVariables(
      one,
      { [name]: property.default },
      {
        path: `${variablesPath}.properties`,
      },
    );
  }
  const undeclared = [...jobConfigurationPlaceholders(template.jobConfiguration)].filter(
    (name) => !(name in properties),
  );
  if (undeclared.length > 0) {
    throw new ValidationError(
      `uses undeclared variable(s) ${undeclared.join(', ')}; declare them in ${variablesPath}.properties`,
      { path: `${path}.jobConfiguration` },
    );
  }
}

function lookup(values: JsonObject, name: string): JsonValue | undefined {
  let current: JsonValue | undefined = values;
  for (const segment of name.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** Marks a value to drop from its parent object or array. */
const OMIT = Symbol('omit');

function renderValue(value: JsonValue, values: JsonObject): JsonValue | typeof OMIT {
  if (typeof value === 'string') return renderString(value, values);
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const item of value) {
      const rendered = renderValue(item, values);
      if (rendered !== OMIT) out.push(rendered);
    }
    return out;
  }
  if (isPlainObject(value)) return renderObject(value, values);
  return value;
}

function renderObject(value: JsonObject, values: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const rendered = renderValue(item, values);
    if (rendered !== OMIT) out[key] = rendered;
  }
  return out;
}

function renderString(value: string, values: JsonObject): JsonValue | typeof OMIT {
  const whole = WHOLE_PLACEHOLDER.exec(value);
  if (whole?.[1]) {
    const found = lookup(values, whole[1]);
    return found === undefined ? OMIT : found;
  }
  return value.replace(PLACEHOLDER, (_match, name: string) => {
    const found = lookup(values, name);
    if (found === undefined || found === null) return '';
    return typeof found === 'string' ? found : JSON.stringify(found);
  });
}

/**
 * Fill a job configuration's `{{ name }}` placeholders (a dotted name reads a nested value).
 * A placeholder that is the whole string takes the value with its type (`"{{ env }}"` → an
 * object); one inside a longer string is replaced by the value as text (JSON for non-strings).
 * A variable with no value is left out: a whole-string placeholder drops its key from the object
 * (or its item from the array), an embedded one becomes the empty string. A `null` value stays
 * `null` as a whole string and is empty text when embedded.
 */
export function renderJobConfiguration(jobConfiguration: JsonObject, values: JsonObject): JsonObject {
  return renderObject(jobConfiguration, values);
}
