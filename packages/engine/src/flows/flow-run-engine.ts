import { createHash } from 'node:crypto';
import {
  type FlowRun,
  type FlowRunSetState,
  type JsonValue,
  newState,
  type State,
  uuid7,
} from '@weft/schemas';
import { type EngineSession, getEngineSession } from '../config/engine-session';
import { type FlowRunContext, findRunContext, type RunDeployment } from '../context/run-context';
import { OrchestrationAbortedError } from '../errors';
import { toSerializedError } from '../errors/serialize-error';
import { createRunLogger } from '../logging/run-logger';
import { formatRunName } from '../naming/run-name';
import { resolveRetryDelays, retryDelayFor } from '../retries/retry-delay';
import { type TrackedRun, trackFlowRun } from '../signals';
import { runHooks } from '../tasks/run-hooks';
import { runAttempt } from './flow-attempt';
import { outcomeOf } from './flow-outcome';
import { bindFlowCall } from './flow-parameters';
import { flowRunInfo } from './flow-run-info';
import type { AnyFlow, FlowRunOutcome } from './flow-types';
import { prepareSubflow, type SubflowPlan } from './subflow';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The hooks that fire on entering a state (reference §3.2 step 6). @internal */
export function hooksFor(flow: AnyFlow, state: State) {
  if (state.type === 'COMPLETED') return flow.options.onCompletion;
  if (state.type === 'FAILED') return flow.options.onFailure;
  if (state.type === 'CRASHED') return flow.options.onCrashed;
  if (state.type === 'CANCELLED' || state.type === 'CANCELLING') return flow.options.onCancellation;
  if (state.type === 'RUNNING') return flow.options.onRunning;
  return undefined;
}

const versions = new WeakMap<AnyFlow['fn'], string>();

/** The flow's version: its `version` option, else the md5 of its function's source. @internal */
export function flowVersion(flow: AnyFlow): string {
  if (flow.options.version) return flow.options.version;
  let found = versions.get(flow.fn);
  if (!found) {
    found = createHash('md5').update(Function.prototype.toString.call(flow.fn)).digest('hex');
    versions.set(flow.fn, found);
  }
  return found;
}

/** The run's name from the flow's `flowRunName`, or undefined (the server makes one up). @internal */
export function customRunName(
  flow: AnyFlow,
  parameters: Record<string, unknown>,
  logger: ReturnType<typeof createRunLogger>,
): string | undefined {
  const template = flow.options.flowRunName;
  if (template === undefined) return undefined;
  try {
    return formatRunName(template, { parameters, variables: { flowName: flow.name } });
  } catch (error) {
    logger.warning(`Could not format the flow run name: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Run a flow call (reference §3.2): create the flow and the run (Pending), validate parameters,
 * save the custom name, propose Running through the server, run the function under its timeout,
 * propose the final state, and around again when the server's retry rule answers AwaitingRetry.
 * Never throws for a failure in user code: the outcome carries it. @internal
 */
export async function runFlow(
  flow: AnyFlow,
  input: { args: unknown[] } | { parameters: Record<string, unknown> },
): Promise<FlowRunOutcome<unknown>> {
  const parent = findRunContext();
  const session = parent?.flowRun?.session ?? (await getEngineSession());
  const bound = bindFlowCall(flow.fn, flow.options.parameters, input);
  const flowRecord = await session.orchestrator.createFlow({
    name: flow.name,
    tags: flow.options.tags ?? [],
  });
  let subflow: SubflowPlan | undefined;
  if (parent?.flowRun) {
    subflow = await prepareSubflow({
      flow,
      parent: parent.flowRun,
      parentTask: parent.taskRun,
      parameters: bound.parameters,
    });
    if (subflow.reused) return subflow.reused;
  }
  const delays = resolveRetryDelays(flow.options.retryDelaySeconds, flow.options.retries ?? 0);
  const id = uuid7();
  const logger = createRunLogger({
    name: 'weft.flow_runs',
    shipper: session.logs,
    flowRunId: id,
    taskRunId: null,
  });
  // A valid call is created Running in one call (the initial state is forced, and a fresh ad-hoc
  // run has nothing the policy could object to), with its custom name: one round trip instead of
  // three. A call whose parameters fail validation is created Pending and then moved to Failed.
  const valid = !bound.validationError;
  const flowRun = await session.orchestrator.createFlowRun({
    id,
    flowId: flowRecord.id,
    name: valid ? customRunName(flow, bound.parameters, logger) : undefined,
    flowVersion: flowVersion(flow),
    parameters: bound.parameters,
    tags: [...new Set([...(flow.options.tags ?? []), ...(parent?.flowRun?.flowRun.tags ?? [])])],
    parentTaskRunId: subflow?.trackingTaskRunId ?? null,
    empiricalPolicy: {
      retries: flow.options.retries ?? 0,
      retryDelaySeconds: delays[0] ?? 0,
    },
    state: valid ? newState('RUNNING') : undefined,
  });
  return superviseFlowRun({
    flow,
    session,
    flowRun,
    bound,
    logger,
    subflow,
    parent: parent?.flowRun,
    createdRunning: valid,
  });
}

/**
 * Drive a recorded run to a final state while watching it for signals; an engine failure marks it
 * Crashed. Shared by {@link runFlow} (a run it created) and `runFlowRun` (an existing run). @internal
 */
export async function superviseFlowRun(
  input: Omit<DriveOptions, 'tracked'>,
): Promise<FlowRunOutcome<unknown>> {
  const { flow, session, flowRun, logger } = input;
  const tracked: TrackedRun = { flow, session, flowRun, logger, finished: false };
  // Subflows too: a signal must not leave a child Running while its parent crashes.
  const untrack = trackFlowRun(tracked);
  const options: DriveOptions = { ...input, tracked };
  try {
    return await drive(options);
  } catch (error) {
    await crash(options, error);
    throw error;
  } finally {
    tracked.finished = true;
    untrack();
    // Recording continues in the background: a flow returns as soon as its final state is
    // accepted; the recorder's timer sends the rest (batched with the next runs' records), and the
    // session flushes what is left before the process exits (`flushEngine()` for scripts that
    // call `process.exit()` themselves).
  }
}

interface DriveOptions {
  flow: AnyFlow;
  session: EngineSession;
  flowRun: FlowRun;
  bound: ReturnType<typeof bindFlowCall>;
  logger: ReturnType<typeof createRunLogger>;
  subflow: SubflowPlan | undefined;
  tracked: TrackedRun;
  parent: FlowRunContext | undefined;
  /** The run was created Running by this call: its first attempt starts without a proposal. */
  createdRunning: boolean;
  /** The deployment the run belongs to, for `runtime.deployment`. */
  deployment?: RunDeployment | undefined;
  /**
   * A change of the run's fields sent alongside its first Running proposal (`runFlowRun`); awaited
   * before any final state is proposed, so a failure fails the run and retries see its policy.
   */
  startUpdate?: Promise<unknown> | undefined;
  /** Field changes sent with the run's first final-state proposal (`runFlowRun`), then cleared. */
  finalUpdate?: FlowRunSetState['runUpdate'];
  /**
   * Aborted when the run is cancelled from outside (`serve` saw it CANCELLING and marked it
   * Cancelled): the attempt's signal aborts, and the attempt's outcome is not proposed over it.
   */
  cancelSignal?: AbortSignal | undefined;
}

/**
 * Propose a state and fire the hooks of the state the run entered. A final state carries the task
 * run records queued so far (`withRecords`): one round trip instead of a separate batch. @internal
 */
export async function propose(
  options: DriveOptions,
  state: State,
  force = false,
  withRecords = false,
): Promise<State> {
  const { orchestrator, recorder } = options.session;
  const id = options.flowRun.id;
  const runUpdate = withRecords ? options.finalUpdate : undefined;
  const result = withRecords
    ? await recorder.sendWith((taskRuns) =>
        orchestrator.proposeFlowRunState(id, state, { force, taskRuns, runUpdate }),
      )
    : await orchestrator.proposeFlowRunState(id, state, { force });
  if (runUpdate) options.finalUpdate = undefined;
  options.flowRun = {
    ...options.flowRun,
    state: result.state,
    stateType: result.state.type,
    stateName: result.state.name,
  };
  if (result.state.type === 'RUNNING') options.flowRun.runCount += 1;
  await enter(options, result.state);
  return result.state;
}

/** The run is in `state` now (`options.flowRun` says so): fire that state's hooks. */
async function enter(options: DriveOptions, state: State): Promise<void> {
  const { flow, logger } = options;
  options.tracked.flowRun = options.flowRun;
  await runHooks(hooksFor(flow, state), [flow, flowRunInfo(options.flowRun), state], {
    kind: state.type.toLowerCase(),
    logger,
  });
}

async function drive(options: DriveOptions): Promise<FlowRunOutcome<unknown>> {
  const { flow, bound, logger } = options;
  if (bound.validationError) {
    const failed = newState('FAILED', {
      message: bound.validationError.message,
      data: toSerializedError(bound.validationError) as JsonValue,
    });
    await options.startUpdate;
    const state = await propose(options, failed, true, true);
    return outcomeOf({ flowRunId: options.flowRun.id, state, error: bound.validationError });
  }
  // The run was created Running (see runFlow): its first attempt starts without a proposal.
  let created: State | undefined = options.createdRunning ? (options.flowRun.state ?? undefined) : undefined;
  if (created?.type === 'RUNNING') await enter(options, created);
  else created = undefined;
  let runName_ = 'Running';
  for (;;) {
    const running = created ?? (await propose(options, newState('RUNNING', { name: runName_ })));
    created = undefined;
    if (running.type !== 'RUNNING') {
      if (running.type === 'PENDING') {
        await sleep(200);
        continue;
      }
      return outcomeOf({ flowRunId: options.flowRun.id, state: running });
    }
    if (options.flowRun.runCount === 1) {
      logger.info(`Beginning flow run '${options.flowRun.name}' for flow '${flow.name}'`);
    }
    const attempt = await runAttempt({ ...options, runCount: options.flowRun.runCount });
    if (options.cancelSignal?.aborted) {
      // The run was cancelled while its code ran on: its state is settled, don't overwrite it.
      const current = await options.session.orchestrator.readFlowRun(options.flowRun.id);
      return outcomeOf({ flowRunId: options.flowRun.id, state: current.state ?? attempt.state });
    }
    await options.startUpdate;
    if (attempt.state.type === 'FAILED') await prepareRetryDelay(options);
    const final = await propose(options, attempt.state, attempt.force, true);
    if (final.type === 'SCHEDULED' && final.name === 'AwaitingRetry') {
      const at = final.stateDetails.scheduledTime?.getTime() ?? Date.now();
      logger.info(
        `Received non-final state '${final.name}' when proposing final state '${attempt.state.name}' and will attempt to run again...`,
      );
      await sleep(Math.max(0, at - Date.now()));
      runName_ = 'Retrying';
      continue;
    }
    const level = final.type === 'COMPLETED' ? 'INFO' : 'ERROR';
    logger.log(level, `Finished in state ${final.name}(${final.message ? `'${final.message}'` : ''})`);
    return outcomeOf({
      flowRunId: options.flowRun.id,
      state: final,
      value: attempt.value,
      error: attempt.error,
      store: attempt.store,
    });
  }
}

/**
 * The server's retry rule waits one `retryDelaySeconds`; with a list (or `exponentialBackoff`),
 * set the delay of this retry on the run before proposing the failure.
 */
async function prepareRetryDelay(options: DriveOptions): Promise<void> {
  const { flow, flowRun, session } = options;
  const retries = flow.options.retries ?? 0;
  const delays = resolveRetryDelays(flow.options.retryDelaySeconds, retries);
  if (delays.length <= 1 || flowRun.runCount > retries) return;
  const retryDelaySeconds = retryDelayFor({ attempt: flowRun.runCount, delays });
  await session.orchestrator.updateFlowRun({ id: flowRun.id, empiricalPolicy: { retryDelaySeconds } });
}

/**
 * The engine itself failed (e.g. the server went away): mark the run Crashed, forced, so it is
 * never left Running (reference §3.2 step 5, BaseException). Best effort: the server may be gone.
 */
async function crash(options: DriveOptions, error: unknown): Promise<void> {
  if (error instanceof OrchestrationAbortedError) return;
  const message = `Execution was interrupted by an unexpected exception: ${String((error as Error)?.message ?? error)}`;
  options.logger.error(message);
  const crashed = newState('CRASHED', { message, data: toSerializedError(error) as JsonValue });
  await propose(options, crashed, true).catch(() => undefined);
}

export type { DriveOptions };
