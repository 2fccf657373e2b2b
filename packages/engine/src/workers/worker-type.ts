import type { BaseJobTemplate, FlowRun, JsonObject } from '@weft/schemas';
import { EngineConfigError } from '../errors';

/** How a run's infrastructure ended. */
export interface InfrastructureResult {
  /** The exit code, or null when it ended by a signal. */
  exitCode: number | null;
  /** The signal that ended it (`SIGKILL`…), or null. */
  signal: string | null;
}

/** What a worker type's `run` gets for one claimed flow run. */
export interface WorkerRunContext {
  /** The claimed run (Pending for this worker). */
  flowRun: FlowRun;
  /** The run's job configuration: the pool's template filled from pool ← deployment ← run variables. */
  configuration: JsonObject;
  /**
   * Environment the infrastructure must pass to the flow run process: `WEFT_FLOW_RUN_ID`,
   * `WEFT_API_URL` and `WEFT_API_KEY` (when set). Merge it over the job's own `env`.
   */
  env: Record<string, string>;
  /**
   * The worker's default command that executes the run (`… weft flow-run execute`), for when the
   * job configuration names none. The run id travels in `env.WEFT_FLOW_RUN_ID`.
   */
  command: string[];
  /** Report the infrastructure's id (a process worker's `host:pid`) as soon as it exists. */
  onStarted(infrastructureId: string): void;
  /** Write a line to the worker's output. */
  log(line: string): void;
}

/** What a worker type's `kill` gets: stop the infrastructure of one run. */
export interface WorkerKillContext {
  /** The id `run` reported through `onStarted`. */
  infrastructureId: string;
  configuration: JsonObject;
  /** Seconds between the polite stop (SIGTERM) and the forced one (SIGKILL). */
  graceSeconds: number;
}

/** A kind of infrastructure workers start flow runs in: a process in core; Docker, Kubernetes as plugins. */
export interface WorkerType {
  /** The pool type it serves, e.g. `process`, `docker`. */
  readonly type: string;
  readonly description: string;
  /** The template a pool of this type gets when a worker creates it. */
  readonly defaultBaseJobTemplate: BaseJobTemplate;
  /**
   * Start the infrastructure of one run and resolve when it ends. Reject only when it could not
   * be started (the run is then marked Failed "Submission failed.").
   */
  run(context: WorkerRunContext): Promise<InfrastructureResult>;
  /** Stop the infrastructure of a run: politely, then after `graceSeconds` by force. */
  kill(context: WorkerKillContext): Promise<void>;
}

const TYPE_NAME = /^[a-z][a-z0-9-]*(:[a-z0-9-]+)?$/;

/**
 * Declare a worker type: the plugin contract for infrastructure a worker starts runs in.
 * @example
 * export const dockerWorkerType = defineWorkerType({
 *   type: 'docker',
 *   description: 'Runs each flow run in a Docker container.',
 *   defaultBaseJobTemplate: { jobConfiguration: { image: '{{ image }}' }, variables: { type: 'object', properties: { image: { type: 'string' } } } },
 *   async run(ctx) { const id = await startContainer(ctx); ctx.onStarted(id); return waitForContainer(id); },
 *   async kill(ctx) { await stopContainer(ctx.infrastructureId, ctx.graceSeconds); },
 * });
 * await createWorker({ workPoolName: 'containers', type: dockerWorkerType, client }).start();
 */
export function defineWorkerType<const T extends WorkerType>(definition: T): T {
  if (!TYPE_NAME.test(definition.type)) {
    throw new EngineConfigError(
      `Invalid worker type '${definition.type}': use lowercase letters, digits and dashes, e.g. 'docker'`,
    );
  }
  if (typeof definition.run !== 'function' || typeof definition.kill !== 'function') {
    throw new EngineConfigError(`Worker type '${definition.type}' must define run() and kill()`);
  }
  return definition;
}
