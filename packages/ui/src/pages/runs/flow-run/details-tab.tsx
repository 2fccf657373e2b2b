import { Code, Stack, Title } from '@mantine/core';
import type { FlowRun } from '@weft/schemas';
import { Fact, FactGrid } from '../../../components/fact';
import { JsonView } from '../../../components/json-view';
import { formatDateTime, formatDuration } from '../../../lib/format';

function Mono({ value }: { value: string | null | undefined }) {
  return value ? <Code>{value}</Code> : <>—</>;
}

/** Everything else about the run: ids, versions, keys, times, job variables and policy. */
export function DetailsTab({ run }: { run: FlowRun }) {
  return (
    <Stack gap="lg" data-testid="flow-run-details">
      <FactGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Fact label="Flow run id">
          <Mono value={run.id} />
        </Fact>
        <Fact label="Flow id">
          <Mono value={run.flowId} />
        </Fact>
        <Fact label="Flow version">
          <Mono value={run.flowVersion} />
        </Fact>
        <Fact label="Deployment id">
          <Mono value={run.deploymentId} />
        </Fact>
        <Fact label="Deployment version">
          <Mono value={run.deploymentVersion} />
        </Fact>
        <Fact label="Work queue">{run.workQueueName ?? '—'}</Fact>
        <Fact label="Idempotency key">
          <Mono value={run.idempotencyKey} />
        </Fact>
        <Fact label="Infrastructure pid">
          <Mono value={run.infrastructurePid} />
        </Fact>
        <Fact label="State id">
          <Mono value={run.stateId} />
        </Fact>
        <Fact label="Parent task run id">
          <Mono value={run.parentTaskRunId} />
        </Fact>
        <Fact label="Expected start">{formatDateTime(run.expectedStartTime)}</Fact>
        <Fact label="Next scheduled start">{formatDateTime(run.nextScheduledStartTime)}</Fact>
        <Fact label="Start lateness">{formatDuration(run.estimatedStartTimeDelta)}</Fact>
        <Fact label="Total run time">{formatDuration(run.totalRunTime)}</Fact>
        <Fact label="Auto-scheduled">{run.autoScheduled ? 'yes' : 'no'}</Fact>
        <Fact label="Created">{formatDateTime(run.createdAt)}</Fact>
        <Fact label="Updated">{formatDateTime(run.updatedAt)}</Fact>
      </FactGrid>
      <Stack gap="xs">
        <Title order={4}>Job variables</Title>
        <JsonView value={run.jobVariables} />
      </Stack>
      <Stack gap="xs">
        <Title order={4}>Policy</Title>
        <JsonView value={run.empiricalPolicy} />
      </Stack>
    </Stack>
  );
}
