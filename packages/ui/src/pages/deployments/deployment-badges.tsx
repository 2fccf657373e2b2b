import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { Deployment } from '@weft/schemas';
import { formatRelative } from '../../lib/format';
import { describeSchedule } from './schedule-text';

/** READY while a worker or `serve` process polled the deployment in the last minute. */
export function DeploymentStatusBadge({
  deployment,
}: {
  deployment: Pick<Deployment, 'status' | 'lastPolled'>;
}) {
  const ready = deployment.status === 'READY';
  const polled = deployment.lastPolled
    ? `last polled ${formatRelative(deployment.lastPolled)}`
    : 'never polled';
  return (
    <Tooltip
      label={
        ready ? `A worker or serve process is polling (${polled})` : `No worker is polling it (${polled})`
      }
    >
      <Badge color={ready ? 'green' : 'gray'} variant="light" data-testid="deployment-status">
        {ready ? 'Ready' : 'Not ready'}
      </Badge>
    </Tooltip>
  );
}

/** Shown only when the deployment is paused: it makes no scheduled runs. */
export function PausedBadge({ paused }: { paused: boolean }) {
  if (!paused) return null;
  return (
    <Badge color="orange" variant="light" data-testid="paused-badge">
      Paused
    </Badge>
  );
}

/** The first schedule in words, and how many more there are. */
export function SchedulesSummary({ schedules }: { schedules: Deployment['schedules'] }) {
  // Active schedules first: a paused one says less about when the deployment runs.
  const [first, ...rest] = [...schedules].sort((a, b) => Number(b.active) - Number(a.active));
  if (!first) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={first.active ? undefined : 'dimmed'} td={first.active ? undefined : 'line-through'}>
        {describeSchedule(first.schedule)}
      </Text>
      {rest.length > 0 && (
        <Tooltip label={rest.map((s) => describeSchedule(s.schedule)).join(' · ')}>
          <Badge size="xs" variant="default">
            +{rest.length}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** Tags as small badges. */
export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag} size="sm" variant="light" color="gray">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}
