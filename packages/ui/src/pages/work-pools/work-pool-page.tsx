import { Badge, Button, Code, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { WorkPool } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { Fact, FactGrid } from '../../components/fact';
import { notifyDone, notifyFailed } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { FlowRunsTable } from '../runs/list/flow-runs-table';
import { ConcurrencyLimitEditor } from './concurrency-limit-editor';
import { JobTemplateSection } from './job-template-section';
import { QueuesTable } from './queues-table';
import { PoolStatusBadge } from './status-badges';
import type { WorkPoolTab } from './work-pool-search';
import { WorkersTable } from './workers-table';

const route = getRouteApi('/work-pools/$name');

function usePoolUpdate(pool: WorkPool) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.workPools.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.workPools.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.workQueues.pathKey() });
      },
      onError: (error) => notifyFailed(`change the work pool ${pool.name}`, error),
    }),
  );
}

function PoolDetails({ pool }: { pool: WorkPool }) {
  const update = usePoolUpdate(pool);
  const { tab = 'queues' } = route.useSearch();
  const navigate = route.useNavigate();
  const togglePaused = () =>
    update.mutate(
      { name: pool.name, isPaused: !pool.isPaused },
      { onSuccess: () => notifyDone(`${pool.isPaused ? 'Resumed' : 'Paused'} the work pool ${pool.name}`) },
    );
  return (
    <Stack gap="md">
      <PageHeader
        title={pool.name}
        crumbs={[{ label: 'Work pools', to: '/work-pools' }, { label: pool.name }]}
        badge={
          <Group gap={6}>
            <PoolStatusBadge status={pool.status} />
            <Badge variant="default">{pool.type}</Badge>
          </Group>
        }
        actions={
          <Button
            size="xs"
            variant="light"
            color={pool.isPaused ? 'green' : 'orange'}
            leftSection={pool.isPaused ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
            loading={update.isPending}
            onClick={togglePaused}
            data-testid="work-pool-pause-toggle"
          >
            {pool.isPaused ? 'Resume' : 'Pause'}
          </Button>
        }
      />
      {pool.description && <Text c="dimmed">{pool.description}</Text>}
      <FactGrid>
        <Fact label="Concurrency limit">
          <ConcurrencyLimitEditor
            label="concurrency limit of the pool"
            value={pool.concurrencyLimit}
            saving={update.isPending}
            onSave={(concurrencyLimit, done) =>
              update.mutate(
                { name: pool.name, concurrencyLimit },
                {
                  onSuccess: () => {
                    notifyDone(`${pool.name} now runs ${concurrencyLimit ?? 'any number of'} runs at once`);
                    done();
                  },
                },
              )
            }
          />
        </Fact>
        <Fact label="Created">
          <Text size="sm">{formatDateTime(pool.createdAt)}</Text>
        </Fact>
        <Fact label="Updated">
          <Text size="sm">{formatDateTime(pool.updatedAt)}</Text>
        </Fact>
      </FactGrid>
      <Tabs
        value={tab}
        onChange={(next) =>
          navigate({ search: { tab: next === 'queues' ? undefined : (next as WorkPoolTab) } })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="queues">Queues</Tabs.Tab>
          <Tabs.Tab value="workers">Workers</Tabs.Tab>
          <Tabs.Tab value="runs">Runs</Tabs.Tab>
          <Tabs.Tab value="template">Base job template</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queues">
          <QueuesTable workPoolName={pool.name} />
        </Tabs.Panel>
        <Tabs.Panel value="workers">
          <WorkersTable workPoolName={pool.name} />
        </Tabs.Panel>
        <Tabs.Panel value="runs">
          <FlowRunsTable
            filter={{ workPoolName: { any: [pool.name] } }}
            selectable
            empty={
              <EmptyState title="No runs in this pool yet">
                Deploy a flow to it (<Code>workPool: {pool.name}</Code> in <Code>weft.yaml</Code>, or{' '}
                <Code>flow.deploy({`{ workPool: '${pool.name}' }`})</Code>) and run the deployment.
              </EmptyState>
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="template">
          <JobTemplateSection pool={pool} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** `/work-pools/$name`: a pool, its queues, workers, runs and job template. */
export function WorkPoolPage() {
  const trpc = useTRPC();
  const { name } = route.useParams();
  const pool = useQuery({ ...trpc.workPools.read.queryOptions({ name }), refetchInterval: 15_000 });
  return <QueryState query={pool}>{(data) => <PoolDetails pool={data} />}</QueryState>;
}
