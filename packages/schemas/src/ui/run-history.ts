import { z } from 'zod';
import { DateTime } from '../core/ids';
import { FlowRunFilter } from '../flow-runs/flow-run';
import { StateType } from '../states/state-type';
import { TaskRunFilter } from '../task-runs/task-run';

/** The most buckets one history request may ask for. */
export const MAX_HISTORY_BUCKETS = 500;

const HistoryWindow = z.object({
  /** The first bucket starts here. */
  start: DateTime,
  /** The last bucket ends here (exclusive). */
  end: DateTime,
  /** The length of one bucket, in seconds (at least 1). */
  intervalSeconds: z.number().min(1, 'intervalSeconds must be at least 1 second'),
});

function checkWindow(value: { start: Date; end: Date; intervalSeconds: number }, ctx: z.RefinementCtx): void {
  const span = (value.end.getTime() - value.start.getTime()) / 1000;
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must be after start' });
  else if (span / value.intervalSeconds > MAX_HISTORY_BUCKETS) {
    ctx.addIssue({
      code: 'custom',
      path: ['intervalSeconds'],
      message: `the window holds more than ${MAX_HISTORY_BUCKETS} buckets of intervalSeconds; pick a longer interval`,
    });
  }
}

/** Flow runs by state and time bucket (by expected start time), for the run-history chart. */
export const FlowRunHistoryInput = HistoryWindow.extend({ filter: FlowRunFilter.optional() }).superRefine(
  checkWindow,
);
export type FlowRunHistoryInput = z.input<typeof FlowRunHistoryInput>;

/** Task runs by state and time bucket (by expected start time). */
export const TaskRunHistoryInput = HistoryWindow.extend({
  filter: TaskRunFilter.optional(),
  /** Only task runs of flow runs that match. */
  flowRunFilter: FlowRunFilter.optional(),
}).superRefine(checkWindow);
export type TaskRunHistoryInput = z.input<typeof TaskRunHistoryInput>;

/** The runs of one state in one bucket. */
export const HistoryStateCount = z.object({
  stateType: StateType,
  stateName: z.string(),
  count: z.number().int(),
  /** Seconds the runs of this state ran, summed. */
  sumRunSeconds: z.number(),
  /** Seconds the runs started after their expected start, summed. */
  sumLatenessSeconds: z.number(),
});
export type HistoryStateCount = z.infer<typeof HistoryStateCount>;

/** One bucket: `[intervalStart, intervalEnd)`; empty buckets are included with no states. */
export const HistoryBucket = z.object({
  intervalStart: DateTime,
  intervalEnd: DateTime,
  states: z.array(HistoryStateCount),
});
export type HistoryBucket = z.infer<typeof HistoryBucket>;
