import { Badge, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import type { FlowRun } from '@weft/schemas';
import { AnchorLink } from '../../../components/links';
import { StateBadge } from '../../../components/state-badge';
import { formatDateTime, formatDuration, formatRelative } from '../../../lib/format';

/** When a run started, or when it is expected to start when it has not. */
export function RunStartTime({ run }: { run: Pick<FlowRun, 'startTime' | 'expectedStartTime'> }) {
  const time = run.startTime ?? run.expectedStartTime;
  if (!time) return <Text size="sm">—</Text>;
  const label = run.startTime ? `Started ${formatDateTime(time)}` : `Expected ${formatDateTime(time)}`;
  return (
    <Tooltip label={label}>
      <Text size="sm" c={run.startTime ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
        {formatRelative(time)}
      </Text>
    </Tooltip>
  );
}

/** One flow run of the runs table. */
export function FlowRunRow({
  run,
  deploymentName,
  selected,
  onSelect,
}: {
  run: FlowRun;
  deploymentName: string | undefined;
  /** Undefined: the table has no selection column. */
  selected?: boolean;
  onSelect: (selected: boolean) => void;
}) {
  return (
    <Table.Tr data-testid="flow-run-row" data-run-id={run.id}>
      {selected !== undefined && (
        <Table.Td>
          <Checkbox
            aria-label={`Select ${run.name}`}
            checked={selected}
            onChange={(e) => onSelect(e.currentTarget.checked)}
          />
        </Table.Td>
      )}
      <Table.Td>
        <StateBadge type={run.stateType} name={run.stateName} />
      </Table.Td>
      <Table.Td>
        <AnchorLink to="/runs/flow-run/$id" params={{ id: run.id }} size="sm" fw={500}>
          {run.name}
        </AnchorLink>
      </Table.Td>
      <Table.Td>
        <AnchorLink to="/flows/$id" params={{ id: run.flowId }} size="sm" c="dimmed">
          {run.flowName}
        </AnchorLink>
      </Table.Td>
      <Table.Td>
        {run.deploymentId ? (
          <AnchorLink to="/deployments/$id" params={{ id: run.deploymentId }} size="sm" c="dimmed">
            {deploymentName ?? 'deployment'}
          </AnchorLink>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <RunStartTime run={run} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {run.startTime ? formatDuration(run.estimatedRunTime) : '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {run.tags.map((tag) => (
            <Badge key={tag} size="sm" variant="light" color="gray" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
