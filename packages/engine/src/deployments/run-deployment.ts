import { type ClientRunDeploymentOptions, type DeploymentRunArgs, waitForFlowRun } from '@weft/client';
import {
  type DeploymentFlowRunCreate,
  type DeploymentRef,
  type FlowRun,
  newState,
  uuid7,
} from '@weft/schemas';
import { findRunContext } from '../context/run-context';
import { toJsonObject } from '../flows/flow-parameters';
import { hashInputs, nextOccurrence } from '../results/result-keys';
import type { ResultStore } from '../results/result-store';
import { type DeploymentsClient, resolveDeploymentsClient } from './deployment-client';
import { DeploymentError } from './deployment-errors';
import type { DeploymentFlowRun, HasFlowTypes, InferParameters, InferResult } from './deployment-types';
import { flowRunResult } from './flow-run-result';

/** Options of {@link runDeployment}: the client's, plus the subflow link and where results are. */
export interface RunDeploymentOptions extends Omit<ClientRunDeploymentOptions, 'parentTaskRunId'> {
  /** Inside a flow run, link the run as a subflow of it (through a tracking task run). @default true */
  asSubflow?: boolean;
  /** Where `run.result()` reads the result. @default the engine session's store */
  resultStore?: ResultStore;
  /** A Weft client to use instead of the engine session's. */
  client?: unknown;
}

/** The parameters (optional when every parameter is) and options of {@link runDeployment}. */
export type RunDeploymentArgs<TParams> = DeploymentRunArgs<TParams, RunDeploymentOptions>;

/** A deployment: `flow-name/deployment-name`, its id, `{ id }` or a handle from `deploy()`/`serve()`. */
export type DeploymentTarget = string | { readonly id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API reference of a deployment target. @internal */
export function toDeploymentRef(target: DeploymentTarget | HasFlowTypes<unknown, unknown>): DeploymentRef {
  if (typeof target === 'string') return UUID.test(target) ? { id: target } : { name: target };
  if (target && typeof (target as { id?: unknown }).id === 'string')
    return { id: (target as { id: string }).id };
  throw new DeploymentError(
    "runDeployment needs a deployment: 'flow-name/deployment-name', an id or a handle",
  );
}

/**
 * Inside a flow run, the tracking task run that links the deployment's run to the caller as a
 * subflow (reference §4.7); its id also keys the run's idempotency, so a retried parent gets the
 * run it created before instead of a second one.
 */
async function trackingTaskRun(ref: DeploymentRef, parameters: Record<string, unknown>) {
  const parent = findRunContext();
  const flowRun = parent?.flowRun;
  if (!flowRun) return undefined;
  const taskKey = `run-deployment:${'id' in ref ? ref.id : ref.name}`;
  const { inputsHash } = hashInputs(parameters);
  const occurrence = nextOccurrence(flowRun.occurrences, taskKey, inputsHash);
  const id = uuid7();
  const name = 'id' in ref ? ref.id : ref.name;
  const tracking = await flowRun.session.orchestrator.createTaskRun({
    id,
    name: `${name.split('/').pop()}-${id.slice(-3)}`,
    flowRunId: flowRun.flowRun.id,
    taskKey,
    dynamicKey: `${inputsHash}-${occurrence}`,
    flowRunRunCount: flowRun.runCount,
    taskInputs: parent.taskRun
      ? { __parents__: [{ inputType: 'task_run', id: parent.taskRun.taskRun.id }] }
      : {},
  });
  return tracking.id;
}

async function createRun(
  client: DeploymentsClient,
  ref: DeploymentRef,
  parameters: Record<string, unknown>,
  options: RunDeploymentOptions,
): Promise<FlowRun> {
  const parentTaskRunId = options.asSubflow === false ? undefined : await trackingTaskRun(ref, parameters);
  const input: DeploymentFlowRunCreate = {
    deployment: ref,
    parameters: toJsonObject(parameters),
    tags: options.tags ?? [],
    jobVariables: toJsonObject(options.jobVariables ?? {}),
    state: newState('SCHEDULED', {
      stateDetails: { scheduledTime: options.scheduledTime ?? new Date() },
    }),
  };
  const idempotencyKey =
    options.idempotencyKey ?? (parentTaskRunId ? `subflow ${parentTaskRunId}` : undefined);
  if (idempotencyKey) input.idempotencyKey = idempotencyKey;
  if (parentTaskRunId) input.parentTaskRunId = parentTaskRunId;
  if (options.flowRunName) input.name = options.flowRunName;
  if (options.workQueueName) input.workQueueName = options.workQueueName;
  return client.deployments.createFlowRun.mutate(input);
}

/** A flow run with `result()`, reading from `store` (the session's by default). @internal */
export function withResult<TResult>(
  run: FlowRun,
  store: ResultStore | undefined,
): DeploymentFlowRun<TResult> {
  const result = () => flowRunResult<TResult>(run, store ? { resultStore: store } : {});
  return Object.assign(run, { result }) as DeploymentFlowRun<TResult>;
}

/**
 * Run a deployment and wait for its final state (reference §4.7): the run gets the deployment's
 * parameters overlaid with `parameters` (checked by the server against the flow's schema), and
 * inside a flow run it is linked as a subflow of the caller. Returns the run (not final when the
 * timeout passed first); `await run.result()` reads its result. With a handle from `deploy()` or
 * `serve()`, or `runDeployment<typeof etl>('etl/prod', …)`, the parameters are type-checked.
 * @example
 * const handle = await etl.deploy({ name: 'nightly', workPool: 'local' });
 * const run = await runDeployment(handle, { day: '2026-01-01' }); // checked against etl's schema
 * console.log(run.stateType, await run.result());
 */
export async function runDeployment<T extends HasFlowTypes<unknown, unknown> = HasFlowTypes>(
  deployment: T | DeploymentTarget,
  ...args: RunDeploymentArgs<InferParameters<T>>
): Promise<DeploymentFlowRun<InferResult<T>>> {
  const [parameters, options = {}] = args as [Record<string, unknown> | undefined, RunDeploymentOptions?];
  if (options.timeoutSeconds !== undefined && !(options.timeoutSeconds >= 0)) {
    throw new DeploymentError(`timeoutSeconds must be 0 or more, got ${options.timeoutSeconds}`, {
      code: 'VALIDATION',
    });
  }
  const client = await resolveDeploymentsClient(options.client);
  const ref = toDeploymentRef(deployment);
  const created = await createRun(client, ref, parameters ?? {}, options);
  if (options.timeoutSeconds === 0) return withResult(created, options.resultStore);
  const run = await waitForFlowRun(client, created.id, {
    timeoutSeconds: options.timeoutSeconds,
    pollSeconds: options.pollSeconds,
  });
  return withResult(run, options.resultStore);
}
