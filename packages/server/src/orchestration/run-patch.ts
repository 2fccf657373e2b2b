import type { FlowRunPatch, FlowRunSnapshot, TaskRunPatch, TaskRunSnapshot } from './run-snapshots';

const FLOW_RUN_PATCH_KEYS = [
  'runCount',
  'startTime',
  'endTime',
  'totalRunTime',
  'expectedStartTime',
  'nextScheduledStartTime',
  'empiricalPolicy',
] as const satisfies readonly (keyof FlowRunPatch)[];

const TASK_RUN_PATCH_KEYS = [
  'runCount',
  'startTime',
  'endTime',
  'totalRunTime',
  'expectedStartTime',
] as const satisfies readonly (keyof TaskRunPatch)[];

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return a === b;
}

/** The flow run fields that differ between before and after: what the caller must write. */
export function diffFlowRun(before: FlowRunSnapshot, after: FlowRunSnapshot): FlowRunPatch {
  const patch: Record<string, unknown> = {};
  for (const key of FLOW_RUN_PATCH_KEYS) if (!same(before[key], after[key])) patch[key] = after[key];
  return patch as FlowRunPatch;
}

/** The task run fields that differ between before and after. */
export function diffTaskRun(before: TaskRunSnapshot, after: TaskRunSnapshot): TaskRunPatch {
  const patch: Record<string, unknown> = {};
  for (const key of TASK_RUN_PATCH_KEYS) if (!same(before[key], after[key])) patch[key] = after[key];
  return patch as TaskRunPatch;
}
