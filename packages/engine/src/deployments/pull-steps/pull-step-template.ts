/** Outputs of earlier steps by step id, e.g. `{ clone: { directory: '/tmp/x' } }`. @internal */
export type StepOutputs = Record<string, Record<string, unknown>>;

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}\s]+)\s*\}\}$/;

/** Where a template's values come from. @internal */
export interface TemplateScope {
  outputs: StepOutputs;
  env: Record<string, string | undefined>;
  /** Values of `weft.blocks.*` and `weft.variables.*` placeholders, loaded beforehand. */
  server?: ReadonlyMap<string, unknown>;
}

/** The prefix of placeholders whose values come from the server (blocks, variables). */
export const SERVER_PLACEHOLDER_PREFIX = 'weft.';

/** Every `{{ weft.… }}` placeholder in `value`, recursively, so they can be loaded before resolving. @internal */
export function serverPlaceholders(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(PLACEHOLDER)) {
      if (match[1]?.startsWith(SERVER_PLACEHOLDER_PREFIX)) found.add(match[1]);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) serverPlaceholders(item, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) serverPlaceholders(item, found);
  }
  return found;
}

/** A placeholder that names nothing known; the caller turns it into a step error. @internal */
export class UnresolvedTemplateError extends Error {
  constructor(
    readonly placeholder: string,
    reason: string,
  ) {
    super(`{{ ${placeholder} }} ${reason}`);
  }
}

function lookup(placeholder: string, scope: TemplateScope): unknown {
  if (placeholder.startsWith(SERVER_PLACEHOLDER_PREFIX)) {
    if (!scope.server?.has(placeholder)) throw new UnresolvedTemplateError(placeholder, 'was not loaded');
    return scope.server.get(placeholder);
  }
  if (placeholder.startsWith('$')) {
    const value = scope.env[placeholder.slice(1)];
    if (value === undefined) throw new UnresolvedTemplateError(placeholder, 'is not set in the environment');
    return value;
  }
  const [stepId, ...path] = placeholder.split('.');
  const output = scope.outputs[stepId ?? ''];
  if (!output) {
    const known = Object.keys(scope.outputs);
    throw new UnresolvedTemplateError(
      placeholder,
      `names no earlier step with id '${stepId}'${known.length ? ` (known: ${known.join(', ')})` : ''}`,
    );
  }
  let value: unknown = output;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  if (value === undefined)
    throw new UnresolvedTemplateError(placeholder, `is not an output of step '${stepId}'`);
  return value;
}

/**
 * Resolve `{{ step-id.key }}` (an earlier step's output), `{{ $ENV_VAR }}` and the
 * `{{ weft.blocks.… }}` / `{{ weft.variables.… }}` values in `scope.server` in every string of
 * `value`, recursively. A string that is only a placeholder becomes the raw value; an embedded
 * placeholder is stringified.
 * @throws UnresolvedTemplateError for an unknown step, output or environment variable
 * @internal
 */
export function resolveTemplates<T>(value: T, scope: TemplateScope): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole?.[1]) return lookup(whole[1], scope) as T;
    return value.replace(PLACEHOLDER, (_match, name: string) => String(lookup(name, scope))) as T;
  }
  if (Array.isArray(value)) return value.map((item) => resolveTemplates(item, scope)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveTemplates(item, scope)]),
    ) as T;
  }
  return value;
}
