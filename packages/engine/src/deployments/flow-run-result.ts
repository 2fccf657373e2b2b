import { type FlowRun, isResultRecordMetadata, isTerminalStateType } from '@weft/schemas';
import { getEngineSession } from '../config/engine-session';
import { MissingResultError, RunNotCompletedError } from '../errors';
import { outcomeOf } from '../flows/flow-outcome';
import type { ResultStore } from '../results/result-store';

/** Options of {@link flowRunResult}. */
export interface FlowRunResultOptions {
  /**
   * Where the run's result was persisted. @default the engine session's store: local files in
   * `$WEFT_RESULTS_LOCAL_STORAGE_PATH` (`$WEFT_HOME/storage`), where `serve` and process workers on
   * this machine write them
   */
  resultStore?: ResultStore;
}

/**
 * The result of a finished flow run, read from the result store: the returned value when it
 * completed, else its error thrown (the flow's own error for a failure, `RunNotCompletedError` for
 * a crash, a cancel or a run not finished yet). Deployment runs persist their result by default.
 * @example
 * const run = await runDeployment('etl/nightly', { day: '2026-01-01' });
 * const rows = await flowRunResult<number>(run);
 */
export async function flowRunResult<TResult = unknown>(
  run: Pick<FlowRun, 'id' | 'state' | 'stateType' | 'name'>,
  options: FlowRunResultOptions = {},
): Promise<TResult> {
  const { state } = run;
  if (!state || !isTerminalStateType(run.stateType)) {
    throw new RunNotCompletedError(
      'ABORTED',
      `Flow run '${run.name}' (${run.id}) is not finished (${state?.name ?? 'no state'}): wait for it first`,
    );
  }
  if (state.type === 'COMPLETED' && !isResultRecordMetadata(state.data)) {
    throw new MissingResultError(
      `The result of flow run '${run.name}' (${run.id}) was not persisted; set persistResult: true on the flow`,
    );
  }
  const store = options.resultStore ?? (await getEngineSession()).resultStore;
  return (await outcomeOf({ flowRunId: run.id, state, store }).result()) as TResult;
}
