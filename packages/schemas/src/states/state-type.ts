import { z } from 'zod';

/** The nine state types, with Prefect's wire values. */
export const STATE_TYPES = [
  'SCHEDULED',
  'PENDING',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'CRASHED',
  'PAUSED',
  'CANCELLING',
] as const;
export const StateType = z.enum(STATE_TYPES);
export type StateType = z.infer<typeof StateType>;

/** A run in one of these states is finished; PAUSED and CANCELLING are not terminal. */
export const TERMINAL_STATE_TYPES = [
  'COMPLETED',
  'CANCELLED',
  'FAILED',
  'CRASHED',
] as const satisfies readonly StateType[];
export type TerminalStateType = (typeof TERMINAL_STATE_TYPES)[number];

/** Whether a state type is terminal (COMPLETED, CANCELLED, FAILED, CRASHED). */
export function isTerminalStateType(type: StateType | null | undefined): type is TerminalStateType {
  return type != null && (TERMINAL_STATE_TYPES as readonly string[]).includes(type);
}

/**
 * The named states that carry meaning, each with its type (reference §1.2). Any other name is
 * allowed but means nothing to orchestration.
 */
export const NAMED_STATES = {
  Scheduled: 'SCHEDULED',
  Late: 'SCHEDULED',
  AwaitingRetry: 'SCHEDULED',
  AwaitingConcurrencySlot: 'SCHEDULED',
  Resuming: 'SCHEDULED',
  Pending: 'PENDING',
  Submitting: 'PENDING',
  InfrastructurePending: 'PENDING',
  NotReady: 'PENDING',
  Running: 'RUNNING',
  Retrying: 'RUNNING',
  Rerunning: 'RUNNING',
  Completed: 'COMPLETED',
  Cached: 'COMPLETED',
  RolledBack: 'COMPLETED',
  Failed: 'FAILED',
  TimedOut: 'FAILED',
  Crashed: 'CRASHED',
  Paused: 'PAUSED',
  Suspended: 'PAUSED',
  Cancelling: 'CANCELLING',
  Cancelled: 'CANCELLED',
} as const satisfies Record<string, StateType>;
export type StateName = keyof typeof NAMED_STATES;

/** The default name of a state type: the capitalised type (`RUNNING` → `Running`). */
export function defaultStateName(type: StateType): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}
