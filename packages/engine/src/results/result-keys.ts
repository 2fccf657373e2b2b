import { randomUUID } from 'node:crypto';
import { stableHash } from '../caching/hash';

/**
 * Run identity (docs/run-identity.md): a call inside a flow run attempt is identified by the flow
 * run, the task key, the hash of its inputs and its occurrence among calls with the *same* task key
 * and inputs hash. Never by its position among all calls, which races under concurrency
 * (Prefect #22259: a retried parent adopted the persisted result of a different subflow).
 */

/** The identity of one task or subflow call inside a flow run. */
export interface CallIdentity {
  /** The enclosing flow run. */
  flowRunId: string;
  /** The task's key (or the subflow's key for a subflow call). */
  taskKey: string;
  /** {@link hashInputs} of the call's parameters. */
  inputsHash: string;
  /** 0 for the first call with this task key and inputs hash in this attempt, 1 for the second… */
  occurrence: number;
}

/** The outcome of {@link hashInputs}. */
export type InputsHashResult =
  | { inputsHash: string; error: null }
  | {
      /** A random one-off value: the call can never match a call from another attempt. */
      inputsHash: string;
      /** Why the parameters could not be hashed; log it. */
      error: Error;
    };

/**
 * The hash of a call's parameters, for its identity. Parameters that cannot be hashed (a function,
 * a cycle) get a random hash and the error: such a call is never matched to an earlier attempt's
 * result, which costs a re-run but can never hand it someone else's result.
 * @example hashInputs({ a: 1, b: 2 }).inputsHash === hashInputs({ b: 2, a: 1 }).inputsHash // true
 */
export function hashInputs(parameters: Record<string, unknown>): InputsHashResult {
  try {
    return { inputsHash: stableHash(parameters), error: null };
  } catch (error) {
    const reason = error instanceof Error ? error : new Error(String(error));
    return { inputsHash: `unhashable-${randomUUID()}`, error: reason };
  }
}

/**
 * Claims the next occurrence index for `(taskKey, inputsHash)` in `counters` (one map per flow run
 * attempt) and returns it: 0, 1, 2… per distinct pair. JavaScript runs this synchronously, so two
 * concurrent calls never claim the same index; which of two *identical* calls gets 0 may differ
 * between attempts, and that is harmless because they are interchangeable.
 * @example const occurrence = nextOccurrence(ctx.occurrences, task.key, inputsHash)
 */
export function nextOccurrence(counters: Map<string, number>, taskKey: string, inputsHash: string): number {
  const counterKey = `${taskKey}\u0000${inputsHash}`;
  const occurrence = counters.get(counterKey) ?? 0;
  counters.set(counterKey, occurrence + 1);
  return occurrence;
}

function checkIdentity(identity: CallIdentity): void {
  const { flowRunId, taskKey, inputsHash, occurrence } = identity;
  if (!flowRunId || !taskKey || !inputsHash) {
    throw new TypeError('A call identity needs a flowRunId, a taskKey and an inputsHash');
  }
  if (!Number.isInteger(occurrence) || occurrence < 0) {
    throw new TypeError(`occurrence must be a whole number ≥ 0, got ${occurrence}`);
  }
}

/**
 * The dynamic key of a call: `inputsHash-occurrence`. With the flow run id and task key it makes the
 * idempotency key of the task run record (`taskRuns.create` is idempotent on
 * flowRunId + taskKey + dynamicKey), so a retried flow finds the same record for the same call.
 */
export function dynamicKeyFor(identity: Pick<CallIdentity, 'inputsHash' | 'occurrence'>): string {
  return `${identity.inputsHash}-${identity.occurrence}`;
}

/**
 * The result store key of a task call: `flowRunId/taskKey/inputsHash-occurrence`. Stable across
 * task retries and flow retries; different inputs always give different keys.
 * @example taskResultKey({ flowRunId, taskKey: 'add-1a2b3c4d', inputsHash, occurrence: 0 })
 */
export function taskResultKey(identity: CallIdentity): string {
  checkIdentity(identity);
  // The task key is user text; encode it so a `/` in a task name cannot shift the key's folders.
  return `${identity.flowRunId}/${encodeURIComponent(identity.taskKey)}/${dynamicKeyFor(identity)}`;
}

/** Input of {@link subflowIdentity}. */
export interface SubflowIdentityInput {
  /** The parent flow run calling the subflow. */
  parentFlowRunId: string;
  /** The subflow's stable key (its name, or name plus source hash). */
  flowKey: string;
  /** {@link hashInputs} of the subflow's parameters. */
  inputsHash: string;
  /** From {@link nextOccurrence} with `flowKey` and `inputsHash`. */
  occurrence: number;
}

/** The identity of a subflow call: its tracking task run and where its result lives. */
export interface SubflowIdentity {
  /** The tracking task run's task key in the parent. */
  taskKey: string;
  /** The tracking task run's dynamic key: `inputsHash-occurrence`. */
  dynamicKey: string;
  /** The result key for the subflow's return value, as seen from the parent. */
  resultKey: string;
}

/**
 * The identity of a subflow call inside a parent flow run, by the same rule as tasks: parent run,
 * subflow key, inputs hash, occurrence among identical calls. A retried parent re-running
 * `Promise.all(chunks.map((c) => child(c)))` finds each chunk's own completed child, whatever order
 * the calls start in; two chunks can never swap results (the #22259 failure).
 * @example const { taskKey, dynamicKey } = subflowIdentity({ parentFlowRunId, flowKey: 'load-chunk', inputsHash, occurrence })
 */
export function subflowIdentity(input: SubflowIdentityInput): SubflowIdentity {
  const identity: CallIdentity = {
    flowRunId: input.parentFlowRunId,
    taskKey: `subflow:${input.flowKey}`,
    inputsHash: input.inputsHash,
    occurrence: input.occurrence,
  };
  return {
    taskKey: identity.taskKey,
    dynamicKey: dynamicKeyFor(identity),
    resultKey: taskResultKey(identity),
  };
}
