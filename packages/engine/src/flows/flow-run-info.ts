import type { FlowRun } from '@weft/schemas';
import type { FlowRunInfo } from './flow-types';

/** The hook argument describing a flow run. @internal */
export function flowRunInfo(flowRun: FlowRun): FlowRunInfo {
  return {
    id: flowRun.id,
    name: flowRun.name,
    flowName: flowRun.flowName,
    runCount: flowRun.runCount,
    tags: flowRun.tags,
    parameters: flowRun.parameters,
    parentTaskRunId: flowRun.parentTaskRunId,
  };
}
