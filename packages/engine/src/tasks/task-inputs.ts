import { randomUUID } from 'node:crypto';
import type { TaskRunInput } from '@weft/schemas';
import { stableHash } from '../caching/hash';
import { isAllowFailure } from '../futures/annotations';
import { isWeftFuture, type RunOutcome, type WeftFuture } from '../futures/future';
import { isPlainObject } from './parameter-names';

/** The outcome of resolving a call's arguments. @internal */
export interface ResolvedInputs {
  args: unknown[];
  /** Upstream task runs per argument position (`arg0`…), plus `wait_for`. */
  upstream: { position: number | 'wait_for'; id: string }[];
  /** The first upstream that did not complete and was not wrapped in `allowFailure`. */
  failedUpstream: WeftFuture<unknown> | undefined;
}

/**
 * A stable hash of a call's arguments for run identity: a future counts as its own identity (task
 * key + inputs + occurrence), never its run id or call order, so a retried flow attempt computes
 * the same hash. Unhashable arguments (functions, cycles) hash as `unhashable`. @internal
 */
export function identityHash(args: readonly unknown[]): string {
  try {
    return stableHash(args.map(identityValue));
  } catch {
    // A random hash: such a call is never matched to another attempt's result (a re-run, never a
    // wrong result), as `hashInputs` does for parameters.
    return `unhashable-${randomUUID()}`;
  }
}

function identityValue(value: unknown): unknown {
  if (isWeftFuture(value)) return { $future: value.identity };
  if (isAllowFailure(value)) return { $allowFailure: identityValue(value.value) };
  if (Array.isArray(value)) return value.some(hasFuture) ? value.map(identityValue) : value;
  if (isPlainObject(value) && Object.values(value).some(hasFuture)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, identityValue(v)]));
  }
  return value;
}

function hasFuture(value: unknown): boolean {
  if (isWeftFuture(value) || isAllowFailure(value)) return true;
  if (Array.isArray(value)) return value.some(hasFuture);
  if (isPlainObject(value)) return Object.values(value).some(hasFuture);
  return false;
}

/** Whether any argument holds a future (so resolution must await). @internal */
export function argsHaveFutures(args: readonly unknown[]): boolean {
  return args.some(hasFuture);
}

/**
 * Replace futures in the arguments (also inside arrays and plain objects) by their values, and
 * wait for `waitFor`. An upstream that did not complete stops the call unless wrapped in
 * `allowFailure`, in which case its error is passed in its place. @internal
 */
export async function resolveInputs(
  args: readonly unknown[],
  waitFor: readonly unknown[],
  results?: WeakMap<object, string>,
): Promise<ResolvedInputs> {
  if (waitFor.length === 0 && !argsHaveFutures(args)) return plainInputs(args, results);
  const out: ResolvedInputs = { args: [], upstream: [], failedUpstream: undefined };
  for (let i = 0; i < args.length; i++) out.args.push(await resolveValue(args[i], i, false, out));
  if (results) trackedUpstream(args, results, out.upstream);
  for (const item of waitFor) {
    const allowed = isAllowFailure(item);
    const future = allowed ? item.value : item;
    if (!isWeftFuture(future)) continue;
    const outcome = await future.outcome();
    out.upstream.push({ position: 'wait_for', id: future.taskRunId });
    if (outcome.state.type !== 'COMPLETED' && !allowed) out.failedUpstream ??= future;
  }
  return out;
}

async function resolveValue(
  value: unknown,
  position: number,
  allowed: boolean,
  out: ResolvedInputs,
): Promise<unknown> {
  if (isAllowFailure(value)) return resolveValue(value.value, position, true, out);
  if (isWeftFuture(value)) {
    const outcome: RunOutcome<unknown> = await value.outcome();
    out.upstream.push({ position, id: value.taskRunId });
    if (outcome.state.type === 'COMPLETED') return outcome.value;
    if (!allowed) out.failedUpstream ??= value;
    return outcome.error;
  }
  if (Array.isArray(value) && value.some(hasFuture)) {
    const items: unknown[] = [];
    for (const item of value) items.push(await resolveValue(item, position, allowed, out));
    return items;
  }
  if (isPlainObject(value) && Object.values(value).some(hasFuture)) {
    const entries: [string, unknown][] = [];
    for (const [k, v] of Object.entries(value))
      entries.push([k, await resolveValue(v, position, allowed, out)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * The inputs of a call without futures or `waitFor`: nothing to wait for. An argument that is the
 * very object an earlier task run of the flow returned (`const rows = await extract(); load(rows)`)
 * is still an upstream input, as in Prefect's result tracking. @internal
 */
export function plainInputs(args: readonly unknown[], results?: WeakMap<object, string>): ResolvedInputs {
  const upstream: ResolvedInputs['upstream'] = [];
  if (results) trackedUpstream(args, results, upstream);
  return { args: args as unknown[], upstream, failedUpstream: undefined };
}

/** Add the task runs that returned the call's object arguments (top level only: cheap). */
function trackedUpstream(
  args: readonly unknown[],
  results: WeakMap<object, string>,
  upstream: ResolvedInputs['upstream'],
): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg !== 'object' || arg === null) continue;
    const id = results.get(arg);
    // A tracked result is a plain value, never a future, so no other entry names this position.
    if (id !== undefined) upstream.push({ position: i, id });
  }
}

/** The `taskInputs` record of a task run: upstream runs by parameter name. @internal */
export function toTaskInputs(
  upstream: ResolvedInputs['upstream'],
  names: readonly (string | null)[],
  parentTaskRunId: string | undefined,
): Record<string, TaskRunInput[]> {
  const inputs: Record<string, TaskRunInput[]> = {};
  for (const { position, id } of upstream) {
    const name =
      position === 'wait_for' ? 'wait_for' : (names[position]?.replace(/^\.\.\./, '') ?? `arg${position}`);
    const list = inputs[name] ?? [];
    list.push({ inputType: 'task_run', id });
    inputs[name] = list;
  }
  if (parentTaskRunId) inputs.__parents__ = [{ inputType: 'task_run', id: parentTaskRunId }];
  return inputs;
}
