import type { CollisionStrategy, JsonObject, PullStep } from '@weft/schemas';
import type { DeploymentScheduleOption } from './deployment-schedules';

/** A deployment concurrency limit: a number, or with how collisions are handled. */
export type ConcurrencyLimitOption =
  | number
  | {
      limit: number;
      /** @default 'ENQUEUE' */
      collisionStrategy?: CollisionStrategy;
      /** Seconds a slot's lease lives without renewal. @default 300 */
      gracePeriodSeconds?: number;
    };

/** What every deployment registration takes (`deploy`, `serve`, `weft.yaml`). */
export interface DeploymentOptionsBase<TParams = Record<string, unknown>> {
  /** The deployment's name, unique per flow. */
  name: string;
  /** Any number of schedules: `{ cron, timezone }`, `{ interval }`, `{ rrule }` or the API shape. */
  schedules?: DeploymentScheduleOption[];
  /** Defaults of every run's parameters. */
  parameters?: Partial<TParams>;
  tags?: string[];
  /** @default the flow's version */
  version?: string;
  /** @default the flow's description */
  description?: string;
  concurrencyLimit?: ConcurrencyLimitOption;
  /** Check run parameters against the flow's parameter schema on the server. @default true */
  enforceParameterSchema?: boolean;
  /** Register the deployment paused (no scheduled runs). @default false */
  paused?: boolean;
  /** Talk to this client instead of the engine session's (WEFT_API_URL or the embedded server). */
  client?: unknown;
}

/** Options of `flow.deploy()`. */
export interface DeployOptions<TParams = Record<string, unknown>> extends DeploymentOptionsBase<TParams> {
  /** The work pool whose workers run the deployment. */
  workPool: string;
  /** @default the pool's default queue */
  workQueue?: string;
  /** Job variables over the pool's base job template (image, env, command…). */
  jobVariables?: JsonObject;
  /**
   * `path/to/file.ts:exportName`, relative to `path`. Inferred from the file that defines the flow
   * when it exports it as `export const x = flow(…)`; otherwise pass it.
   */
  entrypoint?: string;
  /** The folder the entrypoint is relative to, on the machine the worker runs the flow. @default process.cwd() */
  path?: string;
  /** Steps a worker runs before loading the entrypoint (git clone, install…). */
  pullSteps?: PullStep[];
}

/** Options of `flow.serve()` (one deployment) and `flow.toDeployment()`. */
export interface ServeDeploymentOptions<TParams = Record<string, unknown>>
  extends DeploymentOptionsBase<TParams> {}

/** Options of the serve process. */
export interface ServeRunnerOptions {
  /** At most this many runs at once. @default 5 */
  limit?: number;
  /** Pause the deployments when the process stops (their scheduled runs are removed). @default true */
  pauseOnShutdown?: boolean;
  /** Seconds between polls for due runs, besides wake-ups pushed by the server. @default 10 */
  pollSeconds?: number;
  /** The runner's name, recorded by the server on claimed runs. @default `serve-<host>-<pid>` */
  runnerName?: string;
  /** Stop on SIGINT and SIGTERM. @default true */
  handleSignals?: boolean;
  /** Where the runner reports what it does. @default stderr */
  log?: (line: string) => void;
}

/** Options of `flow.serve()`. */
export interface ServeOptions<TParams = Record<string, unknown>>
  extends ServeDeploymentOptions<TParams>,
    ServeRunnerOptions {}
