import { createHash } from 'node:crypto';

/**
 * A task's stable key, `{name}-{first 8 hex of md5(source)}` (reference §3.3): the same for every
 * call of one task definition, different when its code changes. @internal
 */
export function taskKeyFor(name: string, source: string): string {
  return `${name}-${createHash('md5').update(source).digest('hex').slice(0, 8)}`;
}

/** A flow or task name from a function: its name with `_` → `-`, or `fallback`. @internal */
export function nameFromFunction(fn: { name: string }, fallback: string): string {
  const name = fn.name.replace(/^bound /, '').replace(/_/g, '-');
  return name || fallback;
}
