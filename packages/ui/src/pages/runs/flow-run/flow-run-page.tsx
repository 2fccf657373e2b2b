import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../../components/links';
import { PageHeader } from '../../../components/page-header';
import { ErrorState } from '../../../components/query-state';
import { StateBadge } from '../../../components/state-badge';
import { FailureBanner } from './failure-banner';
import { FlowRunActions } from './flow-run-actions';
import { FlowRunFacts } from './flow-run-facts';
import { FlowRunTabs } from './flow-run-tabs';
import { useFlowRun } from './use-flow-run';

const route = getRouteApi('/runs/flow-run/$id');

function isNotFound(error: unknown): boolean {
  const data = (error as { data?: { code?: string } } | null)?.data;
  return data?.code === 'NOT_FOUND';
}

function FlowRunNotFound() {
  return (
    <Stack gap="xs" py="xl" align="center" data-testid="flow-run-not-found">
      <Title order={3}>This flow run does not exist (deleted?)</Title>
      <Text c="dimmed">It may have been deleted, or the link is wrong.</Text>
      <AnchorLink to="/runs">Back to Runs</AnchorLink>
    </Stack>
  );
}

/** `/runs/flow-run/$id`: a flow run, its state, its actions and what it did (tabs). */
export function FlowRunPage() {
  const { id } = route.useParams();
  const { tab } = route.useSearch();
  const { query, live } = useFlowRun(id);
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (query.isError) {
    if (isNotFound(query.error)) return <FlowRunNotFound />;
    return <ErrorState error={query.error} retry={() => query.refetch()} />;
  }
  const run = query.data;
  return (
    <>
      <PageHeader
        title={run.name}
        crumbs={[{ label: 'Runs', to: '/runs' }, { label: run.name }]}
        badge={
          <span data-testid="flow-run-state" data-state-type={run.stateType ?? ''}>
            <StateBadge type={run.stateType} name={run.stateName} />
          </span>
        }
        actions={<FlowRunActions run={run} />}
      />
      <FlowRunFacts run={run} />
      {tab !== 'result' && <FailureBanner run={run} />}
      <FlowRunTabs run={run} live={live} tab={tab ?? 'graph'} />
    </>
  );
}
