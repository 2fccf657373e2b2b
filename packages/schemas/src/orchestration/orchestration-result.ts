import { z } from 'zod';
import { State } from '../states/state';

/** What orchestration decided about a proposed state. */
export const ORCHESTRATION_STATUSES = ['ACCEPT', 'REJECT', 'WAIT', 'ABORT'] as const;
export const OrchestrationStatus = z.enum(ORCHESTRATION_STATUSES);
export type OrchestrationStatus = z.infer<typeof OrchestrationStatus>;

/** Why: accepted; rejected (the returned state replaces the proposal); wait and retry; aborted. */
export const OrchestrationDetails = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept_details') }),
  z.object({ type: z.literal('reject_details'), reason: z.string().nullable() }),
  z.object({
    type: z.literal('wait_details'),
    delaySeconds: z.number().int().min(0),
    reason: z.string().nullable(),
  }),
  z.object({ type: z.literal('abort_details'), reason: z.string().nullable() }),
]);
export type OrchestrationDetails = z.infer<typeof OrchestrationDetails>;

/**
 * The answer to a state proposal. `state` is the run's state afterwards: the proposal on ACCEPT,
 * the state orchestration chose on REJECT, the unchanged current state on WAIT and ABORT.
 */
export const OrchestrationResult = z.object({
  status: OrchestrationStatus,
  state: State.nullable(),
  details: OrchestrationDetails,
});
export type OrchestrationResult = z.infer<typeof OrchestrationResult>;
