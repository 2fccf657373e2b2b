import type { FlowRunPolicy, State } from '@weft/schemas';

/**
 * What orchestration needs to know about a flow run: the row's fields before the transition,
 * with `state` the current state (null before the first one). The repository loads it `FOR UPDATE`.
 */
export interface FlowRunSnapshot {
  id: string;
  runCount: number;
  deploymentId: string | null;
  parentTaskRunId: string | null;
  infrastructurePid: string | null;
  empiricalPolicy: FlowRunPolicy;
  startTime: Date | null;
  endTime: Date | null;
  /** Seconds spent RUNNING over all attempts. */
  totalRunTime: number;
  expectedStartTime: Date | null;
  nextScheduledStartTime: Date | null;
  state: State | null;
  /**
   * The run's deployment's concurrency limit and leases, loaded for runs of a deployment (absent
   * or null otherwise). The deployment concurrency rules decide from it; the writer applies leases.
   */
  deploymentConcurrency?: DeploymentConcurrencySnapshot | null;
}

/** A deployment's concurrency limit as one of its runs sees it during a transition. */
export interface DeploymentConcurrencySnapshot {
  /** The deployment's limit; null when it has none (a lease the run still holds is released). */
  limit: number | null;
  collisionStrategy: 'ENQUEUE' | 'CANCEL_NEW';
  /** Seconds a lease lives unrenewed. */
  gracePeriodSeconds: number;
  /** Live leases (not expired) of the deployment held by other runs. */
  otherLeases: number;
  /** When this run's live lease expires; null when it holds none (or only an expired one). */
  leaseExpiresAt: Date | null;
  /** Whether this run has a lease row at all, live or expired. */
  hasLease: boolean;
}

/** The flow run fields a transition changes; the caller writes them with the new state. */
export type FlowRunPatch = Partial<
  Pick<
    FlowRunSnapshot,
    | 'runCount'
    | 'startTime'
    | 'endTime'
    | 'totalRunTime'
    | 'expectedStartTime'
    | 'nextScheduledStartTime'
    | 'empiricalPolicy'
  >
>;

/** What the global transforms need to know about a task run before a state is recorded. */
export interface TaskRunSnapshot {
  id: string;
  flowRunId: string | null;
  runCount: number;
  startTime: Date | null;
  endTime: Date | null;
  /** Seconds spent RUNNING over all attempts. */
  totalRunTime: number;
  expectedStartTime: Date | null;
  state: State | null;
}

/** The task run fields a recorded state changes. */
export type TaskRunPatch = Partial<
  Pick<TaskRunSnapshot, 'runCount' | 'startTime' | 'endTime' | 'totalRunTime' | 'expectedStartTime'>
>;
