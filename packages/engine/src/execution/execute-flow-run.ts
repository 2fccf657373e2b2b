import { resolve } from 'node:path';
import { type Deployment, type FlowRun, type JsonValue, newState } from '@weft/schemas';
import { type EngineSession, getEngineSession } from '../config/engine-session';
import { runPullSteps } from '../deployments/pull-steps/run-pull-steps';
import { EngineConfigError } from '../errors';
import { toSerializedError } from '../errors/serialize-error';
import type { FlowRunOutcome } from '../flows/flow-types';
import { createRunLogger, type RunLogger } from '../logging/run-logger';
import { importModule, loadEntrypoint, type ModuleLoader } from './load-entrypoint';
import { runFlowRun } from './run-flow-run';

/** Options of {@link executeFlowRun}. */
export interface ExecuteFlowRunOptions {
  /** The directory a relative deployment `path` (and the pull steps) start from. @default process.cwd() */
  cwd?: string;
  /** The environment of pull steps. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Imports the entrypoint's file. @default a dynamic `import()` (the CLI loads TypeScript through tsx) */
  loadModule?: ModuleLoader;
  /** Where pull step progress goes, one line at a time. @default stderr */
  log?: (line: string) => void;
}

/** Where the entrypoint is loaded from: the deployment's `path` (from `cwd`), then its pull steps. */
async function codeDirectory(deployment: Deployment, options: ExecuteFlowRunOptions): Promise<string> {
  const start = resolve(options.cwd ?? process.cwd(), deployment.path ?? '.');
  if (deployment.pullSteps.length === 0) return start;
  const pulled = await runPullSteps(deployment.pullSteps, {
    cwd: start,
    env: options.env,
    log: options.log,
  });
  return pulled.directory;
}

/** Renew the run's deployment concurrency lease while it runs (a third of its grace period, 5–60 s). */
function keepLease(session: EngineSession, deployment: Deployment, flowRunId: string, logger: RunLogger) {
  if (deployment.concurrencyLimit === null) return () => undefined;
  const grace = deployment.concurrencyOptions?.gracePeriodSeconds ?? 300;
  let warned = false;
  const timer = setInterval(
    () => {
      session.orchestrator.renewConcurrencyLease(flowRunId).catch((error: unknown) => {
        if (!warned) logger.warning(`Could not renew the deployment concurrency lease: ${String(error)}`);
        warned = true;
      });
    },
    Math.min(60, Math.max(5, grace / 3)) * 1000,
  );
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The run could not start (its deployment, pull steps or entrypoint failed): say why on the run,
 * which ends Crashed, as the reference's worker would mark it after the process exited non-zero.
 */
async function crashBeforeStart(session: EngineSession, flowRun: FlowRun, error: unknown): Promise<void> {
  const logger = createRunLogger({
    name: 'weft.flow_runs',
    shipper: session.logs,
    flowRunId: flowRun.id,
    taskRunId: null,
  });
  const message = `Flow could not be retrieved from deployment: ${(error as Error)?.message ?? error}`;
  logger.error(message);
  const crashed = newState('CRASHED', { message, data: toSerializedError(error) as JsonValue });
  await session.orchestrator.proposeFlowRunState(flowRun.id, crashed).catch(() => undefined);
  await session.flush().catch(() => undefined);
}

/**
 * Execute a deployment's flow run in this process — what `weft flow-run execute` (and so a process
 * worker's child) does: read the run and its deployment, run the deployment's pull steps, load the
 * entrypoint (`path/to/file.ts:exportName`, relative to the deployment's `path` or the pull steps'
 * directory) and run the flow as that run with {@link runFlowRun}. A failure before the flow starts
 * leaves the run Crashed with the reason, and throws.
 * @example
 * const outcome = await executeFlowRun(process.env.WEFT_FLOW_RUN_ID!);
 * process.exitCode = outcome.state.type === 'COMPLETED' ? 0 : 1;
 */
export async function executeFlowRun(
  flowRunId: string,
  options: ExecuteFlowRunOptions = {},
): Promise<FlowRunOutcome<unknown>> {
  const session = await getEngineSession();
  const flowRun = await session.orchestrator.readFlowRun(flowRunId);
  let deployment: Deployment;
  let flow: Awaited<ReturnType<typeof loadEntrypoint>>;
  try {
    if (!flowRun.deploymentId) {
      throw new EngineConfigError(
        `Flow run ${flowRunId} has no deployment, so nothing says which code to run`,
      );
    }
    deployment = await session.orchestrator.readDeployment({ id: flowRun.deploymentId });
    if (!deployment.entrypoint) {
      throw new EngineConfigError(`Deployment '${deployment.flowName}/${deployment.name}' has no entrypoint`);
    }
    const directory = await codeDirectory(deployment, options);
    flow = await loadEntrypoint({
      entrypoint: deployment.entrypoint,
      directory,
      load: options.loadModule ?? importModule,
    });
  } catch (error) {
    await crashBeforeStart(session, flowRun, error);
    throw error;
  }
  const logger = createRunLogger({
    name: 'weft.flow_runs',
    shipper: session.logs,
    flowRunId,
    taskRunId: null,
  });
  const stopLease = keepLease(session, deployment, flowRunId, logger);
  try {
    return await runFlowRun(flow, flowRunId, {
      deployment: { id: deployment.id, name: deployment.name, version: deployment.version },
    });
  } finally {
    stopLease();
  }
}
