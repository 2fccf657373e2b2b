import { Badge, Code, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Flow } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { AnchorLink } from '../../components/links';
import { EmptyState, QueryState } from '../../components/query-state';
import { pageWindow, SearchableList } from '../../components/searchable-list';
import { StateBadge } from '../../components/state-badge';
import { formatDateTime, formatRelative } from '../../lib/format';
import { type FlowSummary, useFlowSummaries } from './use-flow-summaries';

const route = getRouteApi('/flows');

function DeploymentsCell({ summary }: { summary: FlowSummary }) {
  if (summary.deployments === undefined) return <Loader size="xs" />;
  const text =
    summary.deploymentsCapped && summary.deployments > 0 ? `${summary.deployments}+` : summary.deployments;
  return <Text size="sm">{text}</Text>;
}

function LastRunCell({ summary }: { summary: FlowSummary }) {
  const run = summary.lastRun;
  if (!run) return summary.loading ? <Loader size="xs" /> : <Text c="dimmed">—</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <StateBadge type={run.stateType} name={run.stateName} />
      <Tooltip label={formatDateTime(run.startTime)}>
        <AnchorLink to="/runs/flow-run/$id" params={{ id: run.id }} size="sm">
          {formatRelative(run.startTime)}
        </AnchorLink>
      </Tooltip>
    </Group>
  );
}

function FlowsTable({ flows }: { flows: Flow[] }) {
  const summaryOf = useFlowSummaries(flows.map((flow) => flow.id));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover data-testid="flows-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Deployments</Table.Th>
            <Table.Th>Last run</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flows.map((flow) => {
            const summary = summaryOf(flow.id);
            return (
              <Table.Tr key={flow.id}>
                <Table.Td>
                  <Group gap="xs">
                    <AnchorLink to="/flows/$id" params={{ id: flow.id }} fw={500}>
                      {flow.name}
                    </AnchorLink>
                    {flow.tags.map((tag) => (
                      <Badge key={tag} size="xs" variant="light" color="gray">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={formatDateTime(flow.createdAt)}>
                    <Text size="sm">{formatRelative(flow.createdAt)}</Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <DeploymentsCell summary={summary} />
                </Table.Td>
                <Table.Td>
                  <LastRunCell summary={summary} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/flows`: every flow, with its deployments count and its last run. */
export function FlowsPage() {
  const trpc = useTRPC();
  const { q, page = 1 } = route.useSearch();
  const navigate = route.useNavigate();
  const filter = q ? { name: { like: q } } : undefined;
  const flows = useQuery({
    ...trpc.flows.list.queryOptions({
      filter,
      sort: 'NAME_ASC',
      ...pageWindow(page),
    }),
    placeholderData: keepPreviousData,
  });
  const count = useQuery(trpc.flows.count.queryOptions({ filter }));
  return (
    <SearchableList
      title="Flows"
      total={count.data}
      search={q}
      placeholder="Search flows by name"
      onSearch={(text) => navigate({ search: { q: text, page: undefined } })}
      page={page}
      onPage={(next) => navigate({ search: (prev) => ({ ...prev, page: next === 1 ? undefined : next }) })}
    >
      <QueryState query={flows}>
        {(data) =>
          data.length === 0 ? (
            q ? (
              <EmptyState title={`No flow matches “${q}”`}>Try another part of the name.</EmptyState>
            ) : (
              <EmptyState title="No flows yet">
                Run one with <Code>weft run</Code> (see docs/cli.md), or call a <Code>flow()</Code> from your
                code: every flow that runs shows up here.
              </EmptyState>
            )
          ) : (
            <FlowsTable flows={data} />
          )
        }
      </QueryState>
    </SearchableList>
  );
}
