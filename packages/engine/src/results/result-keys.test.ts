import { describe, expect, it } from 'vitest';
import { resultKeyToRelativePath } from './result-key-path';
import { dynamicKeyFor, hashInputs, nextOccurrence, subflowIdentity, taskResultKey } from './result-keys';

const flowRunId = '0193b0e0-0000-7000-8000-000000000001';

/** Identify calls the way the engine does: hash inputs, then claim an occurrence. */
function identify(calls: Array<{ taskKey: string; params: Record<string, unknown> }>): string[] {
  const counters = new Map<string, number>();
  return calls.map(({ taskKey, params }) => {
    const { inputsHash } = hashInputs(params);
    return taskResultKey({
      flowRunId,
      taskKey,
      inputsHash,
      occurrence: nextOccurrence(counters, taskKey, inputsHash),
    });
  });
}

describe('run identity', () => {
  it('gives the same key to the same call across attempts', () => {
    const calls = [{ taskKey: 'load-1a2b3c4d', params: { chunk: 1 } }];
    expect(identify(calls)).toEqual(identify(calls));
  });

  /** @see https://github.com/PrefectHQ/prefect/issues/22259 */
  it('does not depend on call order: each input keeps its own key (Prefect #22259)', () => {
    const chunks = [0, 1, 2, 3].map((chunk) => ({ taskKey: 'load-chunk', params: { chunk } }));
    const first = identify(chunks);
    const reordered = identify([chunks[2]!, chunks[0]!, chunks[3]!, chunks[1]!]);
    expect(new Map(chunks.map((c, i) => [c.params.chunk, first[i]]))).toEqual(
      new Map([2, 0, 3, 1].map((chunk, i) => [chunk, reordered[i]])),
    );
  });

  it('numbers identical calls 0, 1, 2 and different inputs independently', () => {
    const counters = new Map<string, number>();
    expect(nextOccurrence(counters, 't', 'h1')).toBe(0);
    expect(nextOccurrence(counters, 't', 'h1')).toBe(1);
    expect(nextOccurrence(counters, 't', 'h2')).toBe(0);
    expect(nextOccurrence(counters, 'u', 'h1')).toBe(0);
    expect(nextOccurrence(counters, 't', 'h1')).toBe(2);
  });

  it('gives different keys to different inputs, tasks and flow runs', () => {
    const base = { flowRunId, taskKey: 't', inputsHash: hashInputs({ a: 1 }).inputsHash, occurrence: 0 };
    const keys = [
      taskResultKey(base),
      taskResultKey({ ...base, inputsHash: hashInputs({ a: 2 }).inputsHash }),
      taskResultKey({ ...base, taskKey: 'u' }),
      taskResultKey({ ...base, flowRunId: '0193b0e0-0000-7000-8000-000000000002' }),
      taskResultKey({ ...base, occurrence: 1 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps a slash in a task key from adding folders, and stays a valid store path', () => {
    const key = taskResultKey({ flowRunId, taskKey: 'etl/load', inputsHash: 'abc', occurrence: 0 });
    expect(key.split('/')).toHaveLength(3);
    expect(() => resultKeyToRelativePath(key)).not.toThrow();
  });

  it('hashes inputs regardless of key order and gives a one-off hash when they cannot be hashed', () => {
    expect(hashInputs({ a: 1, b: 2 })).toEqual(hashInputs({ b: 2, a: 1 }));
    const first = hashInputs({ fn: () => 1 });
    const second = hashInputs({ fn: () => 1 });
    expect(first.error).toBeInstanceOf(Error);
    expect(first.inputsHash).not.toBe(second.inputsHash);
  });

  it('rejects a negative or fractional occurrence and empty parts', () => {
    expect(() => taskResultKey({ flowRunId, taskKey: 't', inputsHash: 'h', occurrence: -1 })).toThrow(
      /occurrence/,
    );
    expect(() => taskResultKey({ flowRunId, taskKey: 't', inputsHash: 'h', occurrence: 0.5 })).toThrow(
      /occurrence/,
    );
    expect(() => taskResultKey({ flowRunId: '', taskKey: 't', inputsHash: 'h', occurrence: 0 })).toThrow();
  });

  it('identifies subflow calls by parent, subflow, inputs and occurrence', () => {
    const inputsHash = hashInputs({ chunk: 7 }).inputsHash;
    const id = subflowIdentity({
      parentFlowRunId: flowRunId,
      flowKey: 'load-chunk',
      inputsHash,
      occurrence: 0,
    });
    expect(id.taskKey).toBe('subflow:load-chunk');
    expect(id.dynamicKey).toBe(dynamicKeyFor({ inputsHash, occurrence: 0 }));
    expect(id.resultKey.startsWith(`${flowRunId}/`)).toBe(true);
    const other = subflowIdentity({
      parentFlowRunId: flowRunId,
      flowKey: 'load-chunk',
      inputsHash: hashInputs({ chunk: 8 }).inputsHash,
      occurrence: 0,
    });
    expect(other.dynamicKey).not.toBe(id.dynamicKey);
    expect(other.resultKey).not.toBe(id.resultKey);
  });
});
