import { Badge, Tooltip } from '@mantine/core';
import type { WorkerStatus, WorkPoolStatus } from '@weft/schemas';

const POOL_STATUS: Record<WorkPoolStatus, { color: string; label: string; hint: string }> = {
  READY: { color: 'green', label: 'Ready', hint: 'A worker is online' },
  NOT_READY: { color: 'gray', label: 'Not ready', hint: 'No worker is online' },
  PAUSED: { color: 'orange', label: 'Paused', hint: 'Workers take no runs from it' },
};

/** A pool's or queue's status: Ready, Not ready or Paused. */
export function PoolStatusBadge({ status }: { status: WorkPoolStatus }) {
  const { color, label, hint } = POOL_STATUS[status];
  return (
    <Tooltip label={hint}>
      <Badge color={color} variant="light" data-testid="pool-status">
        {label}
      </Badge>
    </Tooltip>
  );
}

/** A worker is ONLINE while its heartbeats arrive. */
export function WorkerStatusBadge({ status }: { status: WorkerStatus }) {
  return (
    <Badge color={status === 'ONLINE' ? 'green' : 'gray'} variant="dot" data-testid="worker-status">
      {status === 'ONLINE' ? 'Online' : 'Offline'}
    </Badge>
  );
}
