import { isTerminalStateType, type State, StateDetails, type StateType } from '@weft/schemas';

/** A state row as stored (or as `to_jsonb(state_row)` returns it). */
export interface StateRowLike {
  id: string;
  type: string;
  name: string;
  timestamp: Date | string;
  message: string | null;
  state_details: unknown;
  data: unknown;
}

/** A state row as the API type; `stateDetails` dates are revived from JSON. */
export function toState(row: StateRowLike): State {
  return {
    id: row.id,
    type: row.type as StateType,
    name: row.name,
    timestamp: row.timestamp instanceof Date ? row.timestamp : new Date(row.timestamp),
    message: row.message,
    stateDetails: StateDetails.parse(row.state_details ?? {}),
    data: (row.data ?? null) as State['data'],
  };
}

/** The columns of a state row (without its run id), JSON columns serialised. */
export function stateColumns(state: State) {
  return {
    id: state.id,
    type: state.type,
    name: state.name,
    timestamp: state.timestamp,
    message: state.message,
    state_details: JSON.stringify(state.stateDetails),
    data: state.data === null ? null : JSON.stringify(state.data),
  };
}

/** A date as epoch milliseconds (how batch writes send timestamps), null when absent. */
export function epochMs(date: Date | null | undefined): number | null {
  return date ? date.getTime() : null;
}

/** The run columns that mirror the current state. */
export function denormalisedStateColumns(state: State) {
  return {
    state_id: state.id,
    state_type: state.type,
    state_name: state.name,
    state_timestamp: state.timestamp,
  };
}

/** What the derived read fields need from a run row. */
export interface RunTimes {
  total_run_time: number;
  state_type: string | null;
  state_timestamp: Date | null;
  start_time: Date | null;
  expected_start_time: Date | null;
}

/** `totalRunTime` plus the current RUNNING stretch, in seconds (reference §2.3). */
export function estimatedRunTime(run: RunTimes, now: Date): number {
  if (run.state_type === 'RUNNING' && run.state_timestamp) {
    return run.total_run_time + Math.max(0, now.getTime() - run.state_timestamp.getTime()) / 1000;
  }
  return run.total_run_time;
}

/**
 * Lateness in seconds (reference §2.3): start − expected start when it started late; now −
 * expected start when it has not started, is not finished and is overdue; else 0.
 */
export function estimatedStartTimeDelta(run: RunTimes, now: Date): number {
  const expected = run.expected_start_time;
  if (!expected) return 0;
  if (run.start_time) return Math.max(0, run.start_time.getTime() - expected.getTime()) / 1000;
  if (isTerminalStateType(run.state_type as StateType | null)) return 0;
  return Math.max(0, now.getTime() - expected.getTime()) / 1000;
}
