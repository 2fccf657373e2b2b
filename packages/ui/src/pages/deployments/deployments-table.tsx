import { Table, Text } from '@mantine/core';
import type { Deployment } from '@weft/schemas';
import { AnchorLink } from '../../components/links';
import { DeploymentStatusBadge, PausedBadge, SchedulesSummary, TagList } from './deployment-badges';

/** Deployments in a table: each name links to its page, each pool to the pool's. */
export function DeploymentsTable({ deployments }: { deployments: Deployment[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover data-testid="deployments-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Schedules</Table.Th>
            <Table.Th>Work pool</Table.Th>
            <Table.Th>Tags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deployments.map((deployment) => (
            <Table.Tr key={deployment.id}>
              <Table.Td>
                <AnchorLink to="/deployments/$id" params={{ id: deployment.id }} fw={500}>
                  <Text span c="dimmed" inherit>
                    {deployment.flowName}/
                  </Text>
                  {deployment.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <DeploymentStatusBadge deployment={deployment} /> <PausedBadge paused={deployment.paused} />
              </Table.Td>
              <Table.Td>
                <SchedulesSummary schedules={deployment.schedules} />
              </Table.Td>
              <Table.Td>
                {deployment.workPoolName ? (
                  <AnchorLink to="/work-pools/$name" params={{ name: deployment.workPoolName }} size="sm">
                    {deployment.workPoolName}
                  </AnchorLink>
                ) : (
                  <Text size="sm" c="dimmed">
                    served
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <TagList tags={deployment.tags} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
