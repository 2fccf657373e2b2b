import { Code } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { DeploymentFilter } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { EmptyState, QueryState } from '../../components/query-state';
import { pageWindow, SearchableList } from '../../components/searchable-list';
import { DeploymentsTable } from './deployments-table';

const route = getRouteApi('/deployments');

/** `/deployments`: every deployment, searchable by its own or its flow's name. */
export function DeploymentsPage() {
  const trpc = useTRPC();
  const { q, page = 1 } = route.useSearch();
  const navigate = route.useNavigate();
  const filter: DeploymentFilter | undefined = q
    ? { operator: 'or', name: { like: q }, flowName: { like: q } }
    : undefined;
  const deployments = useQuery({
    ...trpc.deployments.list.queryOptions({
      filter,
      sort: 'NAME_ASC',
      ...pageWindow(page),
    }),
    placeholderData: keepPreviousData,
  });
  const count = useQuery(trpc.deployments.count.queryOptions({ filter }));
  return (
    <SearchableList
      title="Deployments"
      total={count.data}
      search={q}
      placeholder="Search deployments by name or flow"
      onSearch={(text) => navigate({ search: { q: text, page: undefined } })}
      page={page}
      onPage={(next) => navigate({ search: (prev) => ({ ...prev, page: next === 1 ? undefined : next }) })}
    >
      <QueryState query={deployments}>
        {(data) =>
          data.length > 0 ? (
            <DeploymentsTable deployments={data} />
          ) : q ? (
            <EmptyState title={`No deployment matches “${q}”`}>
              Try part of the flow’s or the deployment’s name.
            </EmptyState>
          ) : (
            <EmptyState title="No deployments yet">
              Create one with <Code>weft deploy</Code>, or with <Code>flow.deploy()</Code> /{' '}
              <Code>flow.serve()</Code> in your code (see docs/deploy.md).
            </EmptyState>
          )
        }
      </QueryState>
    </SearchableList>
  );
}
