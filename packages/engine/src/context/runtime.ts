import { findRunContext } from './run-context';

/** The current flow run, read from the run context (`undefined` fields outside a flow run). */
export interface FlowRunRuntime {
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly flowName: string | undefined;
  readonly flowVersion: string | undefined;
  readonly parameters: Record<string, unknown>;
  /** Which attempt is running: 1, then 2 on the first retry… */
  readonly runCount: number;
  readonly scheduledStartTime: Date | undefined;
  readonly tags: string[];
  readonly parentTaskRunId: string | undefined;
  readonly deploymentId: string | undefined;
  /** Aborted when the flow run times out. */
  readonly signal: AbortSignal | undefined;
}

/** The current task run (`undefined` fields outside a task run). */
export interface TaskRunRuntime {
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly taskName: string | undefined;
  readonly parameters: Record<string, unknown>;
  readonly runCount: number;
  readonly tags: string[];
  /**
   * Aborted when the task run exceeds `timeoutSeconds`. JavaScript cannot interrupt a running
   * function: pass this signal to `fetch`, timers and child processes so they stop with the run.
   */
  readonly signal: AbortSignal | undefined;
}

/** The deployment of the current flow run, when it was started from one. */
export interface DeploymentRuntime {
  readonly id: string | undefined;
  /** Set when the run is executed by a worker or `serve` (which know the deployment). */
  readonly name: string | undefined;
  readonly version: string | undefined;
  readonly flowRunId: string | undefined;
  readonly parameters: Record<string, unknown>;
}

const flowRun: FlowRunRuntime = {
  get id() {
    return findRunContext()?.flowRun?.flowRun.id;
  },
  get name() {
    return findRunContext()?.flowRun?.flowRun.name;
  },
  get flowName() {
    return findRunContext()?.flowRun?.flow.name;
  },
  get flowVersion() {
    return findRunContext()?.flowRun?.flowRun.flowVersion ?? undefined;
  },
  get parameters() {
    return { ...(findRunContext()?.flowRun?.parameters ?? {}) };
  },
  get runCount() {
    return findRunContext()?.flowRun?.runCount ?? 0;
  },
  get scheduledStartTime() {
    return findRunContext()?.flowRun?.flowRun.expectedStartTime ?? undefined;
  },
  get tags() {
    return [...(findRunContext()?.flowRun?.flowRun.tags ?? [])];
  },
  get parentTaskRunId() {
    return findRunContext()?.flowRun?.flowRun.parentTaskRunId ?? undefined;
  },
  get deploymentId() {
    return findRunContext()?.flowRun?.flowRun.deploymentId ?? undefined;
  },
  get signal() {
    return findRunContext()?.flowRun?.signal;
  },
};

const taskRun: TaskRunRuntime = {
  get id() {
    return findRunContext()?.taskRun?.taskRun.id;
  },
  get name() {
    return findRunContext()?.taskRun?.taskRun.name;
  },
  get taskName() {
    return findRunContext()?.taskRun?.task.name;
  },
  get parameters() {
    return { ...(findRunContext()?.taskRun?.parameters ?? {}) };
  },
  get runCount() {
    return findRunContext()?.taskRun?.runCount ?? 0;
  },
  get tags() {
    return [...(findRunContext()?.taskRun?.taskRun.tags ?? [])];
  },
  get signal() {
    return findRunContext()?.taskRun?.signal;
  },
};

const deployment: DeploymentRuntime = {
  get id() {
    const context = findRunContext()?.flowRun;
    return context?.deployment?.id ?? context?.flowRun.deploymentId ?? undefined;
  },
  get name() {
    return findRunContext()?.flowRun?.deployment?.name;
  },
  get version() {
    const context = findRunContext()?.flowRun;
    return context?.deployment?.version ?? context?.flowRun.deploymentVersion ?? undefined;
  },
  get flowRunId() {
    const context = findRunContext()?.flowRun;
    return context?.deployment || context?.flowRun.deploymentId ? context.flowRun.id : undefined;
  },
  get parameters() {
    const context = findRunContext()?.flowRun;
    return context?.deployment || context?.flowRun.deploymentId ? { ...context.flowRun.parameters } : {};
  },
};

/**
 * What the code of a run can know about itself, like Prefect's `prefect.runtime`: read from the
 * current context (AsyncLocalStorage), so it is right in concurrent runs too.
 * @example
 * task({ name: 'fetch' }, async (url: string) => {
 *   getRunLogger().info(`attempt ${runtime.taskRun.runCount} of ${runtime.flowRun.name}`);
 *   return fetch(url, { signal: runtime.taskRun.signal });
 * });
 */
export const runtime = { flowRun, taskRun, deployment } as const;
