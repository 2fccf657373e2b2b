import { Code, Stack, Text, Title } from '@mantine/core';
import type { Deployment } from '@weft/schemas';
import { Fact, FactGrid } from '../../components/fact';
import { JsonView } from '../../components/json-view';
import { AnchorLink } from '../../components/links';
import { formatDateTime } from '../../lib/format';

const code = (value: string | null) => (value ? <Code>{value}</Code> : null);

function concurrencyText(deployment: Deployment): string {
  if (deployment.concurrencyLimit == null) return 'Unlimited';
  const options = deployment.concurrencyOptions;
  const strategy = options?.collisionStrategy === 'CANCEL_NEW' ? 'cancel new runs' : 'queue new runs';
  return `${deployment.concurrencyLimit} at once (${strategy} when full)`;
}

/** Where and how a deployment's runs execute. */
export function ConfigurationSection({ deployment }: { deployment: Deployment }) {
  return (
    <Stack gap="lg">
      <FactGrid>
        <Fact label="Entrypoint">{code(deployment.entrypoint)}</Fact>
        <Fact label="Path">{code(deployment.path)}</Fact>
        <Fact label="Work pool">
          {deployment.workPoolName ? (
            <AnchorLink to="/work-pools/$name" params={{ name: deployment.workPoolName }}>
              {deployment.workPoolName}
              {deployment.workQueueName ? ` / ${deployment.workQueueName}` : ''}
            </AnchorLink>
          ) : (
            <Text size="sm">None: a serve process runs it</Text>
          )}
        </Fact>
        <Fact label="Concurrency limit">
          <Text size="sm">{concurrencyText(deployment)}</Text>
        </Fact>
        <Fact label="Version">{code(deployment.version)}</Fact>
        <Fact label="Last polled">
          <Text size="sm">{formatDateTime(deployment.lastPolled)}</Text>
        </Fact>
        <Fact label="Created">
          <Text size="sm">{formatDateTime(deployment.createdAt)}</Text>
        </Fact>
        <Fact label="Updated">
          <Text size="sm">{formatDateTime(deployment.updatedAt)}</Text>
        </Fact>
      </FactGrid>
      <Stack gap="xs">
        <Title order={4}>Description</Title>
        <Text size="sm" c={deployment.description ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
          {deployment.description ?? 'No description.'}
        </Text>
      </Stack>
      <Stack gap="xs">
        <Title order={4}>Pull steps</Title>
        {deployment.pullSteps.length > 0 ? (
          <JsonView value={deployment.pullSteps} />
        ) : (
          <Text size="sm" c="dimmed">
            None: the worker runs the entrypoint where it is.
          </Text>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={4}>Job variables</Title>
        {Object.keys(deployment.jobVariables).length > 0 ? (
          <JsonView value={deployment.jobVariables} />
        ) : (
          <Text size="sm" c="dimmed">
            None: the work pool's defaults apply.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
