import { isResultRecordMetadata, type JsonObject, uuid7 } from '@weft/schemas';
import type { FlowRunContext, TaskRunContext } from '../context/run-context';
import { hashInputs, nextOccurrence, subflowIdentity } from '../results/result-keys';
import { taskKeyFor } from '../tasks/task-key';
import { outcomeOf } from './flow-outcome';
import type { AnyFlow, FlowRunOutcome } from './flow-types';

/** How a subflow call is linked to its parent. @internal */
export interface SubflowPlan {
  /** The tracking task run in the parent flow run. */
  trackingTaskRunId: string;
  /** Where the child's result is persisted (stable across parent attempts). */
  resultKey: string;
  /** Set when a completed child of an earlier parent attempt is re-used. */
  reused?: FlowRunOutcome<unknown>;
}

/**
 * Create (or find) the tracking task run of a subflow call in the parent (reference §3.2 step 1).
 * Its dynamic key is the hash of the child's parameters and its rank among calls with the very
 * same parameters in this parent attempt — never a call counter, so concurrent subflows with
 * different inputs can never swap results when the parent retries (Prefect issue 22259). On a
 * parent retry, a child that completed with a persisted result is re-used instead of run again.
 * @see https://github.com/PrefectHQ/prefect/issues/22259
 * @internal
 */
export async function prepareSubflow(options: {
  flow: AnyFlow;
  parent: FlowRunContext;
  parentTask: TaskRunContext | undefined;
  parameters: JsonObject;
}): Promise<SubflowPlan> {
  const { flow, parent } = options;
  const flowKey = taskKeyFor(flow.name, Function.prototype.toString.call(flow.fn));
  const { inputsHash } = hashInputs(options.parameters);
  const occurrence = nextOccurrence(parent.occurrences, `subflow:${flowKey}`, inputsHash);
  const identity = subflowIdentity({ parentFlowRunId: parent.flowRun.id, flowKey, inputsHash, occurrence });
  const id = uuid7();
  const tracking = await parent.session.orchestrator.createTaskRun({
    id,
    name: `${flow.name}-${id.slice(-3)}`,
    flowRunId: parent.flowRun.id,
    taskKey: identity.taskKey,
    dynamicKey: identity.dynamicKey,
    flowRunRunCount: parent.runCount,
    taskInputs: options.parentTask
      ? { __parents__: [{ inputType: 'task_run', id: options.parentTask.taskRun.id }] }
      : {},
  });
  // The server mirrors the child's states onto the tracking task run (UpdateSubflowParentTask).
  const plan: SubflowPlan = { trackingTaskRunId: tracking.id, resultKey: identity.resultKey };
  if (tracking.id === id) return plan;
  const reused = await reuseCompletedChild(options, tracking.id);
  if (reused) plan.reused = reused;
  return plan;
}

async function reuseCompletedChild(
  options: { flow: AnyFlow; parent: FlowRunContext },
  trackingTaskRunId: string,
): Promise<FlowRunOutcome<unknown> | undefined> {
  const { parent, flow } = options;
  const children = await parent.session.orchestrator.findChildFlowRuns(trackingTaskRunId);
  const done = children.find((child) => child.stateType === 'COMPLETED' && child.state);
  if (!done?.state || !isResultRecordMetadata(done.state.data)) return undefined;
  const store = flow.options.resultStore ?? parent.resultStore;
  const record = await store.read(done.state.data.storageKey).catch(() => undefined);
  if (!record) return undefined;
  parent.logger.info(`Re-using completed subflow run '${done.name}' (${done.id}) of an earlier attempt`);
  return outcomeOf({ flowRunId: done.id, state: done.state, value: record.result, store });
}
