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

/**
 * {@link taskRunTransforms} for a snapshot the caller owns: the run's changes and the new state
 * are written onto `run` itself (no patch is computed), and the state to store is returned. For
 * folding many states into runs being built (`recordBatch`'s new runs).
 */
export function applyTaskRunTransforms(run: TaskRunSnapshot, state: State): State {
  const out = applyTransforms(GLOBAL_TASK_TRANSFORMS, run.state, { state, run });
  if (out.run !== run) Object.assign(run, out.run);
  run.state = out.state;
  return out.state;
}
