import { Badge, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { DeploymentsTable } from '../deployments/deployments-table';
import { FlowRunsTable } from '../runs/list/flow-runs-table';
import { FlowRunHistory } from './flow-run-history';

const route = getRouteApi('/flows/$id');

function FlowDeployments({ flowId, flowName }: { flowId: string; flowName: string }) {
  const trpc = useTRPC();
  const deployments = useQuery(trpc.deployments.list.queryOptions({ filter: { flowId: { any: [flowId] } } }));
  return (
    <QueryState query={deployments}>
      {(data) =>
        data.length > 0 ? (
          <DeploymentsTable deployments={data} />
        ) : (
          <EmptyState title="No deployments of this flow">
            Deploy it with <Code>weft deploy</Code>, or <Code>{`${flowName}.serve()`}</Code> in your code, to
            run it on a schedule or from this UI.
          </EmptyState>
        )
      }
    </QueryState>
  );
}

/** `/flows/$id`: a flow, its deployments and its runs. */
export function FlowPage() {
  const trpc = useTRPC();
  const { id } = route.useParams();
  const flow = useQuery(trpc.flows.read.queryOptions({ id }));
  return (
    <QueryState query={flow}>
      {(data) => (
        <Stack gap="lg">
          <PageHeader
            title={data.name}
            crumbs={[{ label: 'Flows', to: '/flows' }, { label: data.name }]}
            badge={data.tags.map((tag) => (
              <Badge key={tag} variant="light" color="gray">
                {tag}
              </Badge>
            ))}
          />
          <Group gap="xl">
            <Text size="sm" c="dimmed">
              Created {formatDateTime(data.createdAt)}
            </Text>
            <Text size="sm" c="dimmed">
              Id <Code>{data.id}</Code>
            </Text>
          </Group>
          <FlowRunHistory flowId={data.id} />
          <Stack gap="xs">
            <Title order={4}>Deployments</Title>
            <FlowDeployments flowId={data.id} flowName={data.name} />
          </Stack>
          <Stack gap="xs">
            <Title order={4}>Runs</Title>
            <FlowRunsTable
              filter={{ flowId: { any: [data.id] } }}
              selectable
              empty={
                <EmptyState title="No runs of this flow yet">
                  Run it with <Code>weft run</Code>.
                </EmptyState>
              }
            />
          </Stack>
        </Stack>
      )}
    </QueryState>
  );
}
