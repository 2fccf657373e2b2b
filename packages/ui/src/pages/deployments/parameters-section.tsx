import { Accordion, Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { Deployment } from '@weft/schemas';
import { JsonView } from '../../components/json-view';
import { SchemaPropertiesTable } from './schema-properties-table';

/** A deployment's default parameters and the schema runs are checked against. */
export function ParametersSection({ deployment }: { deployment: Deployment }) {
  const hasDefaults = Object.keys(deployment.parameters).length > 0;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={4}>Default parameters</Title>
        {hasDefaults ? (
          <JsonView value={deployment.parameters} />
        ) : (
          <Text size="sm" c="dimmed">
            No defaults: each run gives its own parameters.
          </Text>
        )}
      </Stack>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={4}>Parameter schema</Title>
          {deployment.parameterSchema && (
            <Badge variant="light" color={deployment.enforceParameterSchema ? 'indigo' : 'gray'}>
              {deployment.enforceParameterSchema ? 'Enforced on new runs' : 'Not enforced'}
            </Badge>
          )}
        </Group>
        {deployment.parameterSchema ? (
          <>
            <SchemaPropertiesTable
              schema={deployment.parameterSchema}
              emptyText="The flow takes no parameters."
            />
            <Accordion variant="contained">
              <Accordion.Item value="raw">
                <Accordion.Control>JSON Schema</Accordion.Control>
                <Accordion.Panel>
                  <JsonView value={deployment.parameterSchema} />
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No schema: runs' parameters are not checked.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
