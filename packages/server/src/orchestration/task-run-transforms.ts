import type { State } from '@weft/schemas';
import { GLOBAL_TASK_TRANSFORMS } from './global-transforms';
import { diffTaskRun } from './run-patch';
import type { TaskRunPatch, TaskRunSnapshot } from './run-snapshots';
import { applyTransforms } from './transform';

/**
 * The global transforms for a task run state the engine already orchestrated (`recordBatch`):
 * start and end time, total run time, expected start time, run count on RUNNING, and the
 * state stamped with its task run and flow run ids. The current state is `run.state`.
 * @example
 * const { state, runPatch } = taskRunTransforms(taskRun, recordedState);
 */
export function taskRunTransforms(
  run: TaskRunSnapshot,
  state: State,
): { state: State; runPatch: TaskRunPatch } {
  const out = applyTransforms(GLOBAL_TASK_TRANSFORMS, run.state, { state, run });
  return { state: out.state, runPatch: diffTaskRun(run, out.run) };
}
