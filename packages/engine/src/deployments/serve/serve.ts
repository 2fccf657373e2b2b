import type { Deployment, DeploymentCreate } from '@weft/schemas';
import { getEngineSession } from '../../config/engine-session';
import type { AnyFlow } from '../../flows/flow-types';
import { deploymentCreateInput, registerDeployment, toDeploymentHandle } from '../deploy-flow';
import type { ServeDeploymentOptions, ServeRunnerOptions } from '../deploy-options';
import { type DeploymentsClient, resolveDeploymentsClient } from '../deployment-client';
import { DeploymentError } from '../deployment-errors';
import type { DeploymentHandle, HasFlowTypes } from '../deployment-types';
import { definitionFile, inferEntrypoint } from '../flow-entrypoint';
import { FlowRunner } from './flow-runner';

/** A deployment to serve: a flow and its deployment options, from `flow.toDeployment()`. */
export interface ServableDeployment<TParams = Record<string, unknown>, TResult = unknown>
  extends HasFlowTypes<TParams, TResult> {
  readonly kind: 'servable-deployment';
  readonly flow: AnyFlow;
  readonly options: ServeDeploymentOptions<TParams>;
}

/** A running `serve` process: its deployments, and how to stop it. */
export interface ServeHandle<TParams = Record<string, unknown>, TResult = unknown> {
  /** The (first) deployment served. */
  readonly deployment: DeploymentHandle<TParams, TResult>;
  /** Every deployment served, in the order given. */
  readonly deployments: DeploymentHandle[];
  /** The name the runner claims runs under. */
  readonly runnerName: string;
  /**
   * Stop claiming runs; wait for the runs in progress (or cancel them with `cancelRuns`); pause
   * the deployments when `pauseOnShutdown`. Also called on SIGINT/SIGTERM.
   */
  stop(options?: { cancelRuns?: boolean }): Promise<void>;
  /** Resolves when the runner has stopped. */
  readonly done: Promise<void>;
}

/** A deployment spec for {@link serve}. @internal */
export function toServableDeployment(
  flow: AnyFlow,
  options: ServeDeploymentOptions<unknown>,
): ServableDeployment<unknown, unknown> {
  return { kind: 'servable-deployment', flow, options };
}

function servedInput(spec: ServableDeployment<unknown, unknown>): DeploymentCreate {
  const input: DeploymentCreate = {
    ...deploymentCreateInput(spec.flow, spec.options),
    workPoolName: null,
    workQueueName: null,
    // A restart resumes a deployment its last shutdown paused.
    paused: spec.options.paused ?? false,
    path: process.cwd(),
  };
  try {
    input.entrypoint = inferEntrypoint({
      flowName: spec.flow.name,
      file: definitionFile(spec.flow),
      base: process.cwd(),
    });
  } catch {
    // The entrypoint only informs here: `serve` runs the flow it already has in memory.
  }
  return input;
}

async function pauseAll(client: DeploymentsClient, deployments: Deployment[], log: (line: string) => void) {
  await Promise.all(
    deployments.map((d) =>
      client.deployments.pause.mutate({ id: d.id }).catch((error: unknown) => {
        log(`Could not pause deployment ${d.flowName}/${d.name}: ${String(error)}`);
      }),
    ),
  );
}

type ServeArgs = [...ServableDeployment<unknown, unknown>[], ServeRunnerOptions & { client?: unknown }];

function splitArgs(
  args: (ServableDeployment<unknown, unknown> | (ServeRunnerOptions & { client?: unknown }))[],
) {
  const specs = args.filter(
    (a): a is ServableDeployment<unknown, unknown> =>
      (a as ServableDeployment).kind === 'servable-deployment',
  );
  const options = (args.find((a) => (a as ServableDeployment).kind !== 'servable-deployment') ??
    {}) as ServeRunnerOptions & {
    client?: unknown;
  };
  return { specs, options };
}

/**
 * Serve deployments from this process (reference §4.6): register each (no work pool), then claim
 * and run their runs here, in-process with the flows already loaded, at most `limit` at once —
 * woken by the server when a run is scheduled, with a poll as a safety net. On SIGINT/SIGTERM or
 * `stop()`, stop claiming and pause the deployments (`pauseOnShutdown`).
 * @example
 * const handle = await serve(etl.toDeployment({ name: 'nightly', schedules: [{ cron: '0 2 * * *' }] }),
 *   report.toDeployment({ name: 'weekly', schedules: [{ cron: '0 8 * * 1' }] }), { limit: 2 });
 * await handle.done;
 */
export async function serve(
  ...args: ServableDeployment<unknown, unknown>[] | ServeArgs
): Promise<ServeHandle<Record<string, unknown>, unknown>> {
  const { specs, options } = splitArgs(args as never);
  if (specs.length === 0)
    throw new DeploymentError('serve() needs at least one deployment: flow.toDeployment({ name })');
  const explicitClient = options.client ?? specs[0]?.options.client;
  const client = await resolveDeploymentsClient(explicitClient);
  // On the embedded server (no WEFT_API_URL), the scheduler and the other services run only
  // while something is served.
  if (!explicitClient) (await getEngineSession()).startServerServices();
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const deployments: Deployment[] = [];
  for (const spec of specs) deployments.push(await registerDeployment(client, servedInput(spec)));
  const served = deployments.map((deployment, i) => ({
    deployment,
    flow: specs[i]?.flow as AnyFlow,
  }));
  const runner = new FlowRunner(client, served, { ...options, log });
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  let stopping: Promise<void> | undefined;
  const stop = (stopOptions: { cancelRuns?: boolean } = {}) => {
    stopping ??= (async () => {
      uninstall();
      await runner.stop(stopOptions);
      if (options.pauseOnShutdown ?? true) await pauseAll(client, deployments, log);
      log(`Stopped serving ${deployments.map((d) => `${d.flowName}/${d.name}`).join(', ')}`);
      resolveDone();
    })();
    return stopping;
  };
  const uninstall = installSignalHandlers(options.handleSignals ?? true, (signal) => {
    log(`Received ${signal}; stopping`);
    // The engine marks runs still in progress Crashed on a signal, as for any flow run.
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
  runner.start();
  const handles = deployments.map((d) => toDeploymentHandle<Record<string, unknown>, unknown>(d));
  log(`Serving ${handles.map((h) => h.name).join(', ')} as ${runner.name}`);
  return {
    deployment: handles[0] as DeploymentHandle,
    deployments: handles,
    runnerName: runner.name,
    stop,
    done,
  };
}

function installSignalHandlers(
  enabled: boolean,
  onSignal: (signal: 'SIGINT' | 'SIGTERM') => void,
): () => void {
  if (!enabled) return () => undefined;
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}

/** `flow.serve(options)`: serve one deployment of the flow. @internal */
export function serveFlow(
  flow: AnyFlow,
  options: ServeDeploymentOptions<unknown> & ServeRunnerOptions,
): Promise<ServeHandle<Record<string, unknown>, unknown>> {
  const { limit, pauseOnShutdown, pollSeconds, runnerName, handleSignals, log, ...deployment } = options;
  return serve(toServableDeployment(flow, deployment), {
    limit,
    pauseOnShutdown,
    pollSeconds,
    runnerName,
    handleSignals,
    log,
    client: options.client,
  });
}
