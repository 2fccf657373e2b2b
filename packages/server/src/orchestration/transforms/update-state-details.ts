import type { TaskRunSnapshot } from '../run-snapshots';
import type { RunTransform, TransformableFlowRun } from '../transform';

/**
 * Stamp a flow run state with its run: `flowRunId` is the run, `taskRunId` the parent task run of a
 * subflow (`UpdateStateDetails` + `UpdateSubflowStateDetails`; null for a top-level flow).
 */
export const updateFlowStateDetails: RunTransform<TransformableFlowRun> = {
  name: 'UpdateStateDetails',
  apply({ state, run }) {
    return {
      state: { stateDetails: { ...state.stateDetails, flowRunId: run.id, taskRunId: run.parentTaskRunId } },
    };
  },
};

/** Stamp a task run state with its task run and flow run ids (`UpdateStateDetails`). */
export const updateTaskStateDetails: RunTransform<TaskRunSnapshot> = {
  name: 'UpdateStateDetails',
  apply({ state, run }) {
    return {
      state: { stateDetails: { ...state.stateDetails, taskRunId: run.id, flowRunId: run.flowRunId } },
    };
  },
};
