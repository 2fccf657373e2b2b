import { Code, Paper, Text } from '@mantine/core';
import type { TaskRun } from '@weft/schemas';
import { Fact, FactGrid } from '../../../components/fact';
import { AnchorLink } from '../../../components/links';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { retryPolicyText } from './retry-policy-text';

/** When a task run ran, how often, how it retries and caches. */
export function TaskRunFacts({ run, flowRunName }: { run: TaskRun; flowRunName: string | undefined }) {
  return (
    <Paper withBorder p="md" mb="md" data-testid="task-run-facts">
      <FactGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Fact label="Flow run">
          {run.flowRunId ? (
            <AnchorLink to="/runs/flow-run/$id" params={{ id: run.flowRunId }} data-testid="flow-run-link">
              {flowRunName ?? run.flowRunId}
            </AnchorLink>
          ) : (
            <Text c="dimmed" size="sm">
              None (ran outside a flow)
            </Text>
          )}
        </Fact>
        <Fact label="Task key">
          <Code>{run.taskKey}</Code>
        </Fact>
        <Fact label="Dynamic key">{run.dynamicKey}</Fact>
        <Fact label="Task version">{run.taskVersion ?? '—'}</Fact>
        <Fact label="Expected start">{formatDateTime(run.expectedStartTime)}</Fact>
        <Fact label="Started">{formatDateTime(run.startTime)}</Fact>
        <Fact label="Ended">{formatDateTime(run.endTime)}</Fact>
        <Fact label="Duration">{run.startTime ? formatDuration(run.estimatedRunTime) : '—'}</Fact>
        <Fact label="Run count">{run.runCount}</Fact>
        <Fact label="Retry policy">{retryPolicyText(run.empiricalPolicy)}</Fact>
        <Fact label="Flow run attempt">{run.flowRunRunCount}</Fact>
        <Fact label="Cache key">{run.cacheKey ? <Code>{run.cacheKey}</Code> : '—'}</Fact>
        {run.cacheExpiration && <Fact label="Cache expires">{formatDateTime(run.cacheExpiration)}</Fact>}
        {run.subflowRunId && (
          <Fact label="Subflow run">
            <AnchorLink to="/runs/flow-run/$id" params={{ id: run.subflowRunId }}>
              {run.subflowRunId}
            </AnchorLink>
          </Fact>
        )}
        <Fact label="Created">{formatDateTime(run.createdAt)}</Fact>
        <Fact label="Id">
          <Code>{run.id}</Code>
        </Fact>
      </FactGrid>
    </Paper>
  );
}
