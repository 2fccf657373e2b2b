import { Code, Group, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Deployment } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { FlowRunsTable } from '../runs/list/flow-runs-table';
import { ConfigurationSection } from './configuration-section';
import { DeploymentActions } from './deployment-actions';
import { DeploymentStatusBadge, PausedBadge, TagList } from './deployment-badges';
import type { DeploymentTab } from './deployment-search';
import { ParametersSection } from './parameters-section';
import { SchedulesSection } from './schedules-section';

const route = getRouteApi('/deployments/$id');

function DeploymentTabs({ deployment }: { deployment: Deployment }) {
  const { tab = 'runs' } = route.useSearch();
  const navigate = route.useNavigate();
  const byDeployment = { deploymentId: { any: [deployment.id] } };
  return (
    <Tabs
      value={tab}
      onChange={(next) =>
        navigate({ search: { tab: next === 'runs' ? undefined : (next as DeploymentTab) } })
      }
      keepMounted={false}
    >
      <Tabs.List mb="md">
        <Tabs.Tab value="runs">Runs</Tabs.Tab>
        <Tabs.Tab value="upcoming">Upcoming</Tabs.Tab>
        <Tabs.Tab value="schedules">Schedules ({deployment.schedules.length})</Tabs.Tab>
        <Tabs.Tab value="parameters">Parameters</Tabs.Tab>
        <Tabs.Tab value="configuration">Configuration</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="runs">
        <FlowRunsTable
          filter={byDeployment}
          selectable
          empty={
            <EmptyState title="No runs yet">
              Start one with Run above, or{' '}
              <Code>weft deployment run {`${deployment.flowName}/${deployment.name}`}</Code>.
            </EmptyState>
          }
        />
      </Tabs.Panel>
      <Tabs.Panel value="upcoming">
        <FlowRunsTable
          filter={{ ...byDeployment, stateType: { any: ['SCHEDULED'] } }}
          sort="EXPECTED_START_TIME_ASC"
          empty={
            <EmptyState title="No upcoming runs">
              {deployment.paused
                ? 'The deployment is paused: resume it to schedule runs again.'
                : 'Add a schedule, or start a run for later from the Run page.'}
            </EmptyState>
          }
        />
      </Tabs.Panel>
      <Tabs.Panel value="schedules">
        <SchedulesSection deploymentId={deployment.id} />
      </Tabs.Panel>
      <Tabs.Panel value="parameters">
        <ParametersSection deployment={deployment} />
      </Tabs.Panel>
      <Tabs.Panel value="configuration">
        <ConfigurationSection deployment={deployment} />
      </Tabs.Panel>
    </Tabs>
  );
}

/** `/deployments/$id`: a deployment, what it runs, its runs and its schedules. */
export function DeploymentPage() {
  const trpc = useTRPC();
  const { id } = route.useParams();
  const deployment = useQuery(trpc.deployments.read.queryOptions({ id }));
  return (
    <QueryState query={deployment}>
      {(data) => (
        <Stack gap="xs">
          <PageHeader
            title={data.name}
            crumbs={[
              { label: 'Deployments', to: '/deployments' },
              { label: `${data.flowName}/${data.name}` },
            ]}
            badge={
              <Group gap={6}>
                <DeploymentStatusBadge deployment={data} />
                <PausedBadge paused={data.paused} />
              </Group>
            }
            actions={<DeploymentActions deployment={data} />}
          />
          <Group gap="lg" mb="sm">
            <Text size="sm">
              Flow{' '}
              <AnchorLink to="/flows/$id" params={{ id: data.flowId }} data-testid="deployment-flow-link">
                {data.flowName}
              </AnchorLink>
            </Text>
            {data.workPoolName && (
              <Text size="sm">
                Work pool{' '}
                <AnchorLink to="/work-pools/$name" params={{ name: data.workPoolName }}>
                  {data.workPoolName}
                </AnchorLink>
              </Text>
            )}
            {data.tags.length > 0 && <TagList tags={data.tags} />}
          </Group>
          {data.description && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {data.description}
            </Text>
          )}
          <DeploymentTabs deployment={data} />
        </Stack>
      )}
    </QueryState>
  );
}
