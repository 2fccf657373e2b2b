import { Stack, Text, Title } from '@mantine/core';
import type { WorkPool } from '@weft/schemas';
import { JsonView } from '../../components/json-view';
import { SchemaPropertiesTable } from '../deployments/schema-properties-table';

/** A pool's base job template: the variables deployments and runs may set, and the job they fill. */
export function JobTemplateSection({ pool }: { pool: WorkPool }) {
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={4}>Variables</Title>
        <Text size="sm" c="dimmed">
          What a deployment's or a run's job variables may set, with the pool's defaults.
        </Text>
        <SchemaPropertiesTable
          schema={pool.baseJobTemplate.variables}
          emptyText="The template has no variables: deployments can't change the job."
        />
      </Stack>
      <Stack gap="xs">
        <Title order={4}>Job configuration</Title>
        <Text size="sm" c="dimmed">
          The job a worker builds; each <code>{'{{ variable }}'}</code> is filled from the variables above.
        </Text>
        <JsonView value={pool.baseJobTemplate.jobConfiguration} />
      </Stack>
    </Stack>
  );
}
