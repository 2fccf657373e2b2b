import type { TaskRunSnapshot } from './run-snapshots';
import type { RunTransform, TransformableFlowRun } from './transform';
import { ensureUniqueTimestamp } from './transforms/ensure-unique-timestamp';
import { incrementFlowRunCount, incrementTaskRunCount } from './transforms/increment-run-count';
import { incrementRunTime } from './transforms/increment-run-time';
import { removeResumingIndicator } from './transforms/remove-resuming-indicator';
import { setEndTime } from './transforms/set-end-time';
import { setExpectedStartTime } from './transforms/set-expected-start-time';
import { setNextScheduledStartTime } from './transforms/set-next-scheduled-start-time';
import { setStartTime } from './transforms/set-start-time';
import { updateFlowStateDetails, updateTaskStateDetails } from './transforms/update-state-details';

/**
 * The flow run global transforms, in Prefect's order (reference §2.3). `SetRunStateType/Name/
 * Timestamp` are the caller's denormalisation, and `UpdateSubflowParentTask` (copy a subflow's
 * state onto its parent task run) is I/O the caller does after the write.
 */
export const GLOBAL_FLOW_TRANSFORMS: readonly RunTransform<TransformableFlowRun>[] = [
  ensureUniqueTimestamp,
  setStartTime,
  setEndTime,
  incrementRunTime,
  setExpectedStartTime,
  setNextScheduledStartTime,
  updateFlowStateDetails,
  incrementFlowRunCount,
  removeResumingIndicator,
];

/** The task run global transforms (reference §2.3): time bookkeeping, ids, run count. */
export const GLOBAL_TASK_TRANSFORMS: readonly RunTransform<TaskRunSnapshot>[] = [
  setStartTime,
  setEndTime,
  incrementRunTime,
  setExpectedStartTime,
  updateTaskStateDetails,
  incrementTaskRunCount,
];
