import { Badge, Code, Pagination, Stack } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { DeploymentFilter } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { NameSearchInput } from '../flows/name-search-input';
import { DeploymentsTable } from './deployments-table';

const PAGE_SIZE = 50;
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
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const count = useQuery(trpc.deployments.count.queryOptions({ filter }));
  const pages = Math.max(1, Math.ceil((count.data ?? 0) / PAGE_SIZE));
  return (
    <Stack gap="md">
      <PageHeader
        title="Deployments"
        badge={count.data !== undefined && <Badge variant="light">{count.data}</Badge>}
      />
      <NameSearchInput
        value={q}
        placeholder="Search deployments by name or flow"
        onSearch={(text) => navigate({ search: { q: text, page: undefined } })}
      />
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
      {pages > 1 && (
        <Pagination
          value={page}
          total={pages}
          onChange={(next) =>
            navigate({ search: (prev) => ({ ...prev, page: next === 1 ? undefined : next }) })
          }
        />
      )}
    </Stack>
  );
}
