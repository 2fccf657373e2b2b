import type { FlowRun, FlowRunUpdate } from '@weft/schemas';
import { type EngineSession, getEngineSession } from '../config/engine-session';
import type { RunDeployment } from '../context/run-context';
import { bindFlowCall } from '../flows/flow-parameters';
import { customRunName, flowVersion, superviseFlowRun } from '../flows/flow-run-engine';
import type { AnyFlow, FlowRunOutcome } from '../flows/flow-types';
import { createRunLogger, type RunLogger } from '../logging/run-logger';
import { resolveRetryDelays } from '../retries/retry-delay';

/** Options of {@link runFlowRun}. */
export interface RunFlowRunOptions {
  /**
   * The run's deployment, for `runtime.deployment` (name, version). Given by callers that already
   * read it (`executeFlowRun`, `serve`); otherwise read from the server when the run has one.
   */
  deployment?: RunDeployment | undefined;
  /** Abort to cancel the run from outside (`serve`): the run's signal aborts, its outcome is not proposed. */
  signal?: AbortSignal | undefined;
  /** The run as the caller just read it (`serve` has it from its claim): saves a read. */
  flowRun?: FlowRun | undefined;
  /**
   * The caller moved the run to Running for this process (`serve` claims with `state: 'RUNNING'`):
   * its first attempt starts without proposing Running again. Ignored unless `flowRun` is Running.
   */
  claimedRunning?: boolean | undefined;
}

const persistingFlows = new WeakMap<AnyFlow, AnyFlow>();

/**
 * The flow a deployment run runs as: it persists its result unless the flow says otherwise, so
 * whoever started the run (`runDeployment`, on any machine that shares the result storage) can
 * read it. Runs of a served flow and of a worker's child behave the same.
 */
function persisting(flow: AnyFlow): AnyFlow {
  if (flow.options.persistResult !== undefined) return flow;
  let found = persistingFlows.get(flow);
  if (!found) {
    found = flow.with({ persistResult: true });
    persistingFlows.set(flow, found);
  }
  return found;
}

/** The deployment of a run, read from the server; undefined (with a warning) when it cannot be. */
async function findDeployment(
  session: EngineSession,
  flowRun: FlowRun,
  logger: RunLogger,
): Promise<RunDeployment | undefined> {
  if (!flowRun.deploymentId) return undefined;
  try {
    const found = await session.orchestrator.readDeployment({ id: flowRun.deploymentId });
    return { id: found.id, name: found.name, version: found.version };
  } catch (error) {
    logger.warning(`Could not read the run's deployment: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * What the engine writes on an existing run before it starts (reference §3.2 steps 2–3): its flow
 * version, the flow's retry policy where the run has none, and the flow's custom run name.
 */
function startUpdate(
  flow: AnyFlow,
  flowRun: FlowRun,
  parameters: Record<string, unknown> | undefined,
  logger: RunLogger,
): FlowRunUpdate {
  const update: FlowRunUpdate = { id: flowRun.id, flowVersion: flowVersion(flow) };
  const policy = flowRun.empiricalPolicy;
  const retries = flow.options.retries ?? 0;
  const delays = resolveRetryDelays(flow.options.retryDelaySeconds, retries);
  const empiricalPolicy: NonNullable<FlowRunUpdate['empiricalPolicy']> = {};
  if (policy.retries === null) empiricalPolicy.retries = retries;
  if (policy.retryDelaySeconds === null) empiricalPolicy.retryDelaySeconds = delays[0] ?? 0;
  if (Object.keys(empiricalPolicy).length > 0) update.empiricalPolicy = empiricalPolicy;
  // Parameters that failed validation are no base for a name: the run fails under its own.
  const name = parameters ? customRunName(flow, parameters, logger) : undefined;
  if (name !== undefined) update.name = name;
  return update;
}

/**
 * Run `flow` as the existing flow run `flowRunId` (one created by a deployment, Scheduled, or
 * Pending after a worker's claim): parameters come from the run and are validated through the
 * flow's schema, Running is proposed to the server (whose rules may make it wait for the scheduled
 * time, or abort when someone else runs it), retries happen on the same run, and task runs are
 * recorded as usual. Workers (through `weft flow-run execute`) and `serve` use it.
 * @throws OrchestrationAbortedError when the server aborts the run's start (e.g. it is already
 * running elsewhere, or already finished)
 * @example
 * const outcome = await runFlowRun(etl, process.env.WEFT_FLOW_RUN_ID!);
 * console.log(outcome.state.type); // 'COMPLETED'
 */
export async function runFlowRun(
  definedFlow: AnyFlow,
  flowRunId: string,
  options: RunFlowRunOptions = {},
): Promise<FlowRunOutcome<unknown>> {
  const session = await getEngineSession();
  const existing =
    options.flowRun?.id === flowRunId ? options.flowRun : await session.orchestrator.readFlowRun(flowRunId);
  const flow = existing.deploymentId ? persisting(definedFlow) : definedFlow;
  const logger = createRunLogger({
    name: 'weft.flow_runs',
    shipper: session.logs,
    flowRunId,
    taskRunId: null,
  });
  const bound = bindFlowCall(flow.fn, flow.options.parameters, { parameters: existing.parameters });
  const deployment = options.deployment ?? (await findDeployment(session, existing, logger));
  const valid = !bound.validationError;
  const update = startUpdate(flow, existing, valid ? bound.parameters : undefined, logger);
  // A custom name should show while the run runs: sent now, alongside the start, and awaited
  // before the final state. Otherwise the version and policy travel with the final state (applied
  // before it, in its transaction, so a retry decision sees the policy): no call of their own.
  const { id: _id, ...fields } = update;
  const updating = update.name === undefined ? undefined : session.orchestrator.updateFlowRun(update);
  updating?.catch(() => {});
  const flowRun: FlowRun = {
    ...existing,
    ...(update.name !== undefined && { name: update.name }),
    flowVersion: update.flowVersion ?? existing.flowVersion,
  };
  return superviseFlowRun({
    startUpdate: updating,
    finalUpdate: updating ? undefined : fields,
    flow,
    session,
    flowRun,
    bound,
    logger,
    subflow: undefined,
    parent: undefined,
    createdRunning: options.claimedRunning === true && flowRun.stateType === 'RUNNING',
    deployment,
    cancelSignal: options.signal,
  });
}
