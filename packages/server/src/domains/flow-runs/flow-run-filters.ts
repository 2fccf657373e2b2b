import type { FlowRunFilter, FlowRunSort } from '@weft/schemas';
import { sql } from 'kysely';
import {
  combine,
  dateConditions,
  enumConditions,
  idConditions,
  stringConditions,
  tagsConditions,
} from '../../db/filters';

/** The SQL condition of a flow run filter over `flow_run` joined with `flow`. */
export function flowRunFilterCondition(filter: FlowRunFilter | undefined) {
  if (!filter) return combine([]);
  const parentFlowRun = filter.parentFlowRunId
    ? [
        sql<boolean>`flow_run.parent_task_run_id in (select task_run.id from task_run where ${combine(
          idConditions('task_run.flow_run_id', filter.parentFlowRunId),
        )})`,
      ]
    : [];
  return combine(
    [
      ...idConditions('flow_run.id', filter.id),
      ...stringConditions('flow_run.name', filter.name),
      ...tagsConditions('flow_run.tags', filter.tags),
      ...idConditions('flow_run.flow_id', filter.flowId),
      ...stringConditions('flow.name', filter.flowName),
      ...idConditions('flow_run.deployment_id', filter.deploymentId),
      ...stringConditions('flow_run.work_queue_name', filter.workQueueName),
      ...stringConditions('flow_run.work_pool_name', filter.workPoolName),
      ...(filter.autoScheduled === undefined
        ? []
        : [sql<boolean>`flow_run.auto_scheduled = ${filter.autoScheduled}`]),
      ...enumConditions('flow_run.state_type', filter.stateType),
      ...stringConditions('flow_run.state_name', filter.stateName),
      ...stringConditions('flow_run.flow_version', filter.flowVersion),
      ...dateConditions('flow_run.start_time', filter.startTime),
      ...dateConditions('flow_run.end_time', filter.endTime),
      ...dateConditions('flow_run.expected_start_time', filter.expectedStartTime),
      ...dateConditions('flow_run.next_scheduled_start_time', filter.nextScheduledStartTime),
      ...parentFlowRun,
      ...idConditions('flow_run.parent_task_run_id', filter.parentTaskRunId),
      ...stringConditions('flow_run.idempotency_key', filter.idempotencyKey),
    ],
    filter.operator,
  );
}

/** ORDER BY of each sort; ties broken by id so paging is stable. */
export const FLOW_RUN_ORDER: Record<FlowRunSort, string> = {
  ID_DESC: 'flow_run.id desc',
  START_TIME_ASC: 'flow_run.start_time asc nulls last, flow_run.id asc',
  START_TIME_DESC: 'flow_run.start_time desc nulls last, flow_run.id desc',
  EXPECTED_START_TIME_ASC: 'flow_run.expected_start_time asc nulls last, flow_run.id asc',
  EXPECTED_START_TIME_DESC: 'flow_run.expected_start_time desc nulls last, flow_run.id desc',
  NAME_ASC: 'flow_run.name asc, flow_run.id asc',
  NAME_DESC: 'flow_run.name desc, flow_run.id desc',
  NEXT_SCHEDULED_START_TIME_ASC: 'flow_run.next_scheduled_start_time asc nulls last, flow_run.id asc',
  END_TIME_DESC: 'flow_run.end_time desc nulls last, flow_run.id desc',
};
