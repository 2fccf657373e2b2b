import { CachePolicyError } from '../errors';
import { type CacheKeyContext, CachePolicy, NoCachePolicy } from './cache-policy';
import { stableHash } from './hash';

/** Key = hash of the task's parameters, minus the excluded names. */
export class InputsPolicy extends CachePolicy {
  readonly name: string;
  /** Parameter names left out of the hash. */
  readonly excluded: readonly string[];

  constructor(excluded: readonly string[] = []) {
    super();
    this.excluded = [...new Set(excluded)].sort();
    this.name = this.excluded.length === 0 ? 'inputs' : `inputs-exclude(${this.excluded.join(',')})`;
  }

  computeKey(ctx: CacheKeyContext): string | null {
    const hashed: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(ctx.parameters)) {
      if (!this.excluded.includes(name)) hashed[name] = value;
    }
    return stableHash(hashed);
  }

  override exclude(...parameterNames: string[]): CachePolicy {
    return new InputsPolicy([...this.excluded, ...parameterNames]);
  }
}

/** Key = hash of the task function's source, so editing the task invalidates its cache. */
export class TaskSourcePolicy extends CachePolicy {
  readonly name = 'taskSource';

  computeKey(ctx: CacheKeyContext): string | null {
    return stableHash(ctx.taskSource);
  }
}

/** Key = the flow run id (the task run id outside a flow): a cache that lives for one flow run. */
export class RunIdPolicy extends CachePolicy {
  readonly name = 'runId';

  computeKey(ctx: CacheKeyContext): string | null {
    return ctx.flowRunId ?? ctx.taskRunId;
  }
}

/** Key = hash of the enclosing flow run's parameters; `null` outside a flow. */
export class FlowParametersPolicy extends CachePolicy {
  readonly name = 'flowParameters';

  computeKey(ctx: CacheKeyContext): string | null {
    return ctx.flowParameters === null ? null : stableHash(ctx.flowParameters);
  }
}

const INPUTS = new InputsPolicy();
const TASK_SOURCE = new TaskSourcePolicy();
const RUN_ID = new RunIdPolicy();
const FLOW_PARAMETERS = new FlowParametersPolicy();
const NONE = new NoCachePolicy();
const DEFAULT = INPUTS.add(TASK_SOURCE).add(RUN_ID);

/**
 * The built-in cache policies (reference §3.4). `DEFAULT` is `INPUTS + TASK_SOURCE + RUN_ID`: a task
 * called twice with the same inputs in one flow run runs once.
 * @example task({ name: 'fetch', cachePolicy: cachePolicies.INPUTS.add(cachePolicies.TASK_SOURCE) }, fetchPage)
 */
export const cachePolicies = {
  INPUTS,
  TASK_SOURCE,
  RUN_ID,
  FLOW_PARAMETERS,
  NONE,
  /** Alias of `NONE`, Prefect's `NO_CACHE`. */
  NO_CACHE: NONE,
  DEFAULT,
} as const;

/** The names accepted wherever a cache policy is expected. */
export const CACHE_POLICY_NAMES = [
  'inputs',
  'taskSource',
  'runId',
  'flowParameters',
  'none',
  'default',
] as const;
/** A built-in cache policy by name: `'inputs' | 'taskSource' | 'runId' | 'flowParameters' | 'none' | 'default'`. */
export type CachePolicyName = (typeof CACHE_POLICY_NAMES)[number];

const BY_NAME: Record<CachePolicyName, CachePolicy> = {
  inputs: INPUTS,
  taskSource: TASK_SOURCE,
  runId: RUN_ID,
  flowParameters: FLOW_PARAMETERS,
  none: NONE,
  default: DEFAULT,
};

/** One cache policy as a user may write it in task options. */
export type CachePolicyLike = CachePolicy | CachePolicyName | { inputs: { exclude?: readonly string[] } };

/** A task's `cachePolicy` option: one policy, or a list combined with `add`. */
export type CachePolicyInput = CachePolicyLike | readonly CachePolicyLike[];

function resolveOne(input: CachePolicyLike): CachePolicy {
  if (input instanceof CachePolicy) return input;
  if (typeof input === 'string') {
    const policy = (BY_NAME as Record<string, CachePolicy | undefined>)[input];
    if (policy) return policy;
    throw new CachePolicyError(
      `Unknown cache policy '${input}'; expected one of ${CACHE_POLICY_NAMES.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  if (typeof input === 'object' && input !== null && 'inputs' in input) {
    const exclude = input.inputs?.exclude ?? [];
    if (!Array.isArray(exclude) || exclude.some((name) => typeof name !== 'string')) {
      throw new CachePolicyError('cachePolicy.inputs.exclude must be a list of parameter names');
    }
    return INPUTS.exclude(...exclude);
  }
  throw new CachePolicyError(
    'A cache policy must be a CachePolicy, a policy name, { inputs: { exclude } }, or a list of these',
  );
}

/**
 * Turns a task's `cachePolicy` option into a {@link CachePolicy}. A list is combined in order; an
 * empty list is `NONE`.
 * @param input the option as written.
 * @default cachePolicies.DEFAULT when `input` is `undefined`.
 * @throws {CachePolicyError} for an unknown name or a malformed object.
 * @example resolveCachePolicy(['inputs', 'taskSource']) // INPUTS + TASK_SOURCE
 * @example resolveCachePolicy({ inputs: { exclude: ['client'] } })
 */
export function resolveCachePolicy(input: CachePolicyInput | undefined): CachePolicy {
  if (input === undefined) return DEFAULT;
  if (!Array.isArray(input)) return resolveOne(input as CachePolicyLike);
  return (input as readonly CachePolicyLike[]).reduce<CachePolicy>(
    (combined, item) => combined.add(resolveOne(item)),
    NONE,
  );
}
