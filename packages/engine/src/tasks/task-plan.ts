import type { JsonObject, State, TaskRunCreate } from '@weft/schemas';
import type { EngineSession } from '../config/engine-session';
import type { RunLogger } from '../logging/run-logger';
import { runHooks } from './run-hooks';
import type { TaskCall } from './task-run-engine';
import type { TaskRunInfo } from './task-types';

/** Everything a task run needs once its inputs are resolved. @internal */
export interface TaskRunPlan {
  call: TaskCall;
  session: EngineSession;
  record: TaskRunCreate;
  parameters: JsonObject;
  args: unknown[];
  getLogger: () => RunLogger;
  lastTimestamp: number;
  /** Set by {@link prepareCacheKey} before the run is recorded. */
  cacheKey: string | null;
}

/** The hook argument describing a task run. @internal */
export function info(plan: TaskRunPlan, runCount: number): TaskRunInfo {
  const { record } = plan;
  return {
    id: record.id,
    name: record.name,
    flowRunId: record.flowRunId,
    taskKey: record.taskKey,
    runCount,
    tags: record.tags ?? [],
    parameters: plan.parameters,
  };
}

/** Fire a task's hooks for a state; nothing (not even a microtask) when it has none. @internal */
export function fire(
  plan: TaskRunPlan,
  kind: 'onCompletion' | 'onFailure' | 'onRunning',
  runCount: number,
  state: State,
): Promise<void> | undefined {
  const { task } = plan.call;
  const hooks = task.options[kind];
  if (!hooks) return undefined;
  return runHooks(hooks, [task, info(plan, runCount), state], { kind, logger: plan.getLogger });
}

/** Record a state of the run and show it on its future. @internal */
export function emit(plan: TaskRunPlan, state: State): State {
  plan.session.recorder.setState(plan.record.id, state);
  plan.call.current = state;
  return state;
}

/** State details naming the run and its flow run. @internal */
export function details(
  plan: TaskRunPlan,
  extra: Partial<State['stateDetails']> = {},
): State['stateDetails'] {
  return { flowRunId: plan.record.flowRunId, taskRunId: plan.record.id, ...extra };
}
