import { describe, expect, it } from 'vitest';
import { CachePolicyError, HashError } from '../errors';
import { cachePolicies, InputsPolicy, resolveCachePolicy } from './cache-policies';
import { type CacheKeyContext, CachePolicy, CompoundCachePolicy } from './cache-policy';
import { computeCacheKey } from './compute-cache-key';
import { stableHash } from './hash';

const { INPUTS, TASK_SOURCE, RUN_ID, FLOW_PARAMETERS, NONE, DEFAULT } = cachePolicies;

function ctx(overrides: Partial<CacheKeyContext> = {}): CacheKeyContext {
  return {
    taskKey: 'add-1a2b3c4d',
    taskSource: '(a, b) => a + b',
    parameters: { a: 1, b: 2 },
    flowRunId: 'flow-run-1',
    taskRunId: 'task-run-1',
    flowParameters: { n: 3 },
    ...overrides,
  };
}

class Fixed extends CachePolicy {
  readonly name = 'fixed';
  constructor(private readonly key: string | null) {
    super();
  }
  computeKey(): string | null {
    return this.key;
  }
}

describe('built-in cache policies', () => {
  it('INPUTS hashes the parameters, regardless of their order', () => {
    expect(INPUTS.computeKey(ctx())).toBe(stableHash({ a: 1, b: 2 }));
    expect(INPUTS.computeKey(ctx({ parameters: { b: 2, a: 1 } }))).toBe(INPUTS.computeKey(ctx()));
    expect(INPUTS.computeKey(ctx({ parameters: { a: 1, b: 3 } }))).not.toBe(INPUTS.computeKey(ctx()));
  });

  it('INPUTS ignores run ids and source', () => {
    expect(INPUTS.computeKey(ctx({ flowRunId: 'other', taskSource: 'x' }))).toBe(INPUTS.computeKey(ctx()));
  });

  it('TASK_SOURCE changes when the source changes and nothing else', () => {
    expect(TASK_SOURCE.computeKey(ctx({ parameters: {} }))).toBe(TASK_SOURCE.computeKey(ctx()));
    expect(TASK_SOURCE.computeKey(ctx({ taskSource: '(a, b) => a - b' }))).not.toBe(
      TASK_SOURCE.computeKey(ctx()),
    );
  });

  it('RUN_ID is the flow run id, or the task run id outside a flow', () => {
    expect(RUN_ID.computeKey(ctx())).toBe('flow-run-1');
    expect(RUN_ID.computeKey(ctx({ flowRunId: null }))).toBe('task-run-1');
  });

  it('FLOW_PARAMETERS hashes the flow parameters and is null outside a flow', () => {
    expect(FLOW_PARAMETERS.computeKey(ctx())).toBe(stableHash({ n: 3 }));
    expect(FLOW_PARAMETERS.computeKey(ctx({ flowParameters: null }))).toBeNull();
  });

  it('NONE never produces a key', () => {
    expect(NONE.computeKey(ctx())).toBeNull();
  });

  it('DEFAULT is INPUTS + TASK_SOURCE + RUN_ID', () => {
    expect(DEFAULT.policies).toEqual([INPUTS, TASK_SOURCE, RUN_ID]);
    const expected = stableHash([
      INPUTS.computeKey(ctx()),
      TASK_SOURCE.computeKey(ctx()),
      RUN_ID.computeKey(ctx()),
    ]);
    expect(DEFAULT.computeKey(ctx())).toBe(expected);
    expect(DEFAULT.computeKey(ctx({ flowRunId: 'flow-run-2' }))).not.toBe(expected);
  });
});

describe('compound policies', () => {
  it('hash the non-null sub-keys in order', () => {
    const policy = new Fixed('a').add(NONE).add(new Fixed(null)).add(new Fixed('b'));
    expect(policy.computeKey(ctx())).toBe(stableHash(['a', 'b']));
  });

  it('give null when every sub-key is null', () => {
    expect(new Fixed(null).add(new Fixed(null)).computeKey(ctx())).toBeNull();
    expect(new CompoundCachePolicy([]).computeKey(ctx())).toBeNull();
  });

  it('treat NONE as the identity of add on both sides', () => {
    expect(NONE.add(INPUTS)).toBe(INPUTS);
    expect(INPUTS.add(NONE)).toBe(INPUTS);
    expect(NONE.add(NONE)).toBe(NONE);
  });

  it('flatten, so grouping does not change the key', () => {
    const left = INPUTS.add(TASK_SOURCE).add(RUN_ID);
    const right = INPUTS.add(TASK_SOURCE.add(RUN_ID));
    expect(left.computeKey(ctx())).toBe(right.computeKey(ctx()));
    expect(left.name).toBe('inputs+taskSource+runId');
  });
});

describe('exclude', () => {
  it('drops parameters from the INPUTS hash', () => {
    const policy = INPUTS.exclude('b');
    expect(policy.computeKey(ctx())).toBe(stableHash({ a: 1 }));
    expect(policy.computeKey(ctx({ parameters: { a: 1, b: 99 } }))).toBe(policy.computeKey(ctx()));
    expect(policy.name).toBe('inputs-exclude(b)');
  });

  it('accumulates across calls and leaves the original untouched', () => {
    const policy = INPUTS.exclude('a').exclude('b');
    expect(policy.computeKey(ctx())).toBe(stableHash({}));
    expect(INPUTS.computeKey(ctx())).toBe(stableHash({ a: 1, b: 2 }));
  });

  it('applies to the inputs part of a compound policy', () => {
    const policy = DEFAULT.exclude('b');
    expect(policy.computeKey(ctx({ parameters: { a: 1, b: 50 } }))).toBe(policy.computeKey(ctx()));
    expect(policy.computeKey(ctx({ parameters: { a: 2, b: 2 } }))).not.toBe(policy.computeKey(ctx()));
  });

  it('is a no-op on policies that do not read inputs', () => {
    expect(TASK_SOURCE.exclude('a')).toBe(TASK_SOURCE);
    expect(NONE.exclude('a')).toBe(NONE);
  });
});

describe('resolveCachePolicy', () => {
  it('defaults to DEFAULT', () => {
    expect(resolveCachePolicy(undefined)).toBe(DEFAULT);
  });

  it('accepts policy objects and names', () => {
    expect(resolveCachePolicy(RUN_ID)).toBe(RUN_ID);
    expect(resolveCachePolicy('inputs')).toBe(INPUTS);
    expect(resolveCachePolicy('taskSource')).toBe(TASK_SOURCE);
    expect(resolveCachePolicy('runId')).toBe(RUN_ID);
    expect(resolveCachePolicy('flowParameters')).toBe(FLOW_PARAMETERS);
    expect(resolveCachePolicy('none')).toBe(NONE);
    expect(resolveCachePolicy('default')).toBe(DEFAULT);
  });

  it('combines a list in order; an empty list is NONE', () => {
    const policy = resolveCachePolicy(['inputs', TASK_SOURCE]);
    expect(policy.computeKey(ctx())).toBe(INPUTS.add(TASK_SOURCE).computeKey(ctx()));
    expect(resolveCachePolicy([])).toBe(NONE);
  });

  it('reads { inputs: { exclude } }', () => {
    const policy = resolveCachePolicy({ inputs: { exclude: ['b'] } });
    expect(policy).toBeInstanceOf(InputsPolicy);
    expect(policy.computeKey(ctx())).toBe(stableHash({ a: 1 }));
  });

  it('rejects an unknown name, listing the valid ones', () => {
    expect(() => resolveCachePolicy('input' as never)).toThrow(CachePolicyError);
    expect(() => resolveCachePolicy('input' as never)).toThrow(/'inputs', 'taskSource'/);
    expect(() => resolveCachePolicy({ inputs: { exclude: 'b' } } as never)).toThrow(CachePolicyError);
  });
});

describe('computeCacheKey', () => {
  it('uses the policy when there is no key function', () => {
    expect(computeCacheKey({ policy: INPUTS, ctx: ctx() })).toEqual({
      key: stableHash({ a: 1, b: 2 }),
      error: null,
      source: 'policy',
    });
  });

  it('lets cacheKeyFn win over the policy and passes it the parameters', () => {
    const result = computeCacheKey({
      policy: INPUTS,
      cacheKeyFn: (c, params) => `${c.taskKey}:${String(params.a)}`,
      ctx: ctx(),
    });
    expect(result).toEqual({ key: 'add-1a2b3c4d:1', error: null, source: 'cacheKeyFn' });
  });

  it('treats a null or empty key from cacheKeyFn as no caching', () => {
    expect(computeCacheKey({ policy: INPUTS, cacheKeyFn: () => null, ctx: ctx() }).key).toBeNull();
    expect(computeCacheKey({ policy: INPUTS, cacheKeyFn: () => '', ctx: ctx() }).key).toBeNull();
  });

  it('returns the error instead of throwing when a parameter cannot be hashed', () => {
    const result = computeCacheKey({ policy: DEFAULT, ctx: ctx({ parameters: { cb: () => 1 } }) });
    expect(result.key).toBeNull();
    expect(result.error).toBeInstanceOf(HashError);
  });

  it('returns the error when cacheKeyFn throws or answers a non-string', () => {
    const boom = computeCacheKey({
      policy: INPUTS,
      cacheKeyFn: () => {
        throw new Error('boom');
      },
      ctx: ctx(),
    });
    expect(boom).toMatchObject({ key: null, source: 'cacheKeyFn' });
    expect(boom.error?.message).toBe('boom');
    const asyncFn = computeCacheKey({ policy: INPUTS, cacheKeyFn: (async () => 'k') as never, ctx: ctx() });
    expect(asyncFn.error?.message).toMatch(/synchronously/);
    const num = computeCacheKey({ policy: INPUTS, cacheKeyFn: (() => 42) as never, ctx: ctx() });
    expect(num.error?.message).toMatch(/not number/);
  });
});
