import { RunNameError } from '../errors';

/** What a run name template can read. */
export interface RunNameContext {
  /** The run's parameters by name; `{name}` and `{a.b}` read from here. */
  parameters: Record<string, unknown>;
  /**
   * Extra values templates may use, e.g. `{ flowName, taskName, now }`. A parameter of the same
   * name wins. @default {}
   */
  variables?: Record<string, unknown>;
}

/** A `flowRunName` / `taskRunName` option: a `{placeholder}` template or a function. */
export type RunNameTemplate = string | ((ctx: RunNameContext) => string);

const MISSING = Symbol('missing');

function lookup(scope: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(scope, path)) return scope[path];
  let current: unknown = scope;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return MISSING;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    } catch {
      // A cyclic object still deserves a name rather than a failed run.
      return String(value);
    }
  }
  return String(value);
}

function missing(template: string, placeholder: string, ctx: RunNameContext): RunNameError {
  const known = [...Object.keys(ctx.parameters), ...Object.keys(ctx.variables ?? {})];
  const list = known.length === 0 ? 'none' : known.join(', ');
  return new RunNameError(
    `Run name template '${template}' uses {${placeholder}}, which is not a parameter or variable (available: ${list})`,
    { placeholder },
  );
}

function formatTemplate(template: string, ctx: RunNameContext): string {
  const scope = { ...ctx.variables, ...ctx.parameters };
  // `{{` and `}}` are literal braces, as in Python's str.format.
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}|[{}]/g, (match, placeholder: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (placeholder === undefined) {
      throw new RunNameError(
        `Run name template '${template}' has an unmatched '${match}'; write '${match}${match}'`,
      );
    }
    const name = placeholder.trim();
    if (name === '') throw new RunNameError(`Run name template '${template}' has an empty placeholder {}`);
    const value = lookup(scope, name);
    if (value === MISSING || value === undefined) throw missing(template, name, ctx);
    return render(value);
  });
}

/**
 * The name of a run from its `flowRunName` / `taskRunName` option. A string template replaces each
 * `{placeholder}` with the parameter of that name (`{a.b}` reads nested fields; Dates render as ISO,
 * objects as JSON); a function is called with the context and must return a non-empty string.
 * @throws {RunNameError} naming a placeholder that is not a parameter, or wrapping the function's error.
 * @example formatRunName('{name}-{date}', { parameters: { name: 'etl', date: '2026-11-21' } }) // 'etl-2026-11-21'
 * @example formatRunName(({ parameters }) => `load-${parameters.table}`, { parameters: { table: 'users' } })
 */
export function formatRunName(template: RunNameTemplate, ctx: RunNameContext): string {
  if (typeof template === 'string') return formatTemplate(template, ctx);
  let name: unknown;
  try {
    name = template(ctx);
  } catch (error) {
    throw new RunNameError(`The run name function failed: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
  if (typeof name !== 'string' || name === '') {
    throw new RunNameError(
      `The run name function must return a non-empty string, got ${render(name) || "''"}`,
    );
  }
  return name;
}
