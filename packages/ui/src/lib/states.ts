import type { StateType } from '@weft/schemas';

/** The Mantine color of each state type, used by badges, charts and the graph. */
export const STATE_COLORS: Record<StateType, string> = {
  SCHEDULED: 'yellow.6',
  PENDING: 'gray.5',
  RUNNING: 'blue.6',
  COMPLETED: 'green.6',
  FAILED: 'red.7',
  CANCELLED: 'gray.7',
  CANCELLING: 'gray.6',
  CRASHED: 'orange.7',
  PAUSED: 'gray.6',
};

/** The state types in the order the UI lists them. */
export const STATE_TYPE_ORDER: readonly StateType[] = [
  'COMPLETED',
  'RUNNING',
  'SCHEDULED',
  'PENDING',
  'FAILED',
  'CRASHED',
  'CANCELLING',
  'CANCELLED',
  'PAUSED',
];
