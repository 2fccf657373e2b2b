import { Badge, Group, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FlowRun } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { Fact, FactGrid } from '../../../components/fact';
import { AnchorLink } from '../../../components/links';
import { useNow } from '../../../components/use-now';
import { formatDateTime, formatDuration } from '../../../lib/format';

/** The flow run a subflow run belongs to: its tracking task run's flow run. */
function ParentRunLink({ parentTaskRunId }: { parentTaskRunId: string }) {
  const trpc = useTRPC();
  const taskRun = useQuery(trpc.taskRuns.read.queryOptions({ id: parentTaskRunId }));
  const parentId = taskRun.data?.flowRunId ?? null;
  const parent = useQuery({
    ...trpc.flowRuns.read.queryOptions({ id: parentId ?? '' }),
    enabled: parentId !== null,
  });
  if (taskRun.isError || parent.isError) return <Text c="dimmed">deleted</Text>;
  if (!parentId) return <Text c="dimmed">…</Text>;
  return (
    <AnchorLink to="/runs/flow-run/$id" params={{ id: parentId }} data-testid="parent-run-link">
      {parent.data?.name ?? parentId}
    </AnchorLink>
  );
}

/** A deployment by name (it may have been deleted since the run). */
function DeploymentLink({ id, version }: { id: string; version: string | null }) {
  const trpc = useTRPC();
  const deployment = useQuery(trpc.deployments.read.queryOptions({ id }));
  if (deployment.isError) return <Text c="dimmed">deleted deployment</Text>;
  return (
    <>
      <AnchorLink to="/deployments/$id" params={{ id }}>
        {deployment.data?.name ?? '…'}
      </AnchorLink>
      {version && <Text span c="dimmed">{` (version ${version})`}</Text>}
    </>
  );
}

/** A running run's time so far, ticking every second. */
function RunningDuration({ run }: { run: FlowRun }) {
  const now = useNow(1_000);
  const since = run.state?.timestamp.getTime() ?? now;
  return <>{formatDuration(run.totalRunTime + Math.max(0, now - since) / 1000)}</>;
}

function createdBy(run: FlowRun): string {
  if (!run.createdBy) return run.autoScheduled ? 'a schedule' : '—';
  return run.createdBy.displayValue ?? run.createdBy.type;
}

/** Where a flow run comes from, where it ran, when and for how long. */
export function FlowRunFacts({ run }: { run: FlowRun }) {
  return (
    <Paper withBorder p="md" mb="md" data-testid="flow-run-facts">
      <FactGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Fact label="Flow">
          <AnchorLink to="/flows/$id" params={{ id: run.flowId }}>
            {run.flowName}
          </AnchorLink>
        </Fact>
        {run.deploymentId && (
          <Fact label="Deployment">
            <DeploymentLink id={run.deploymentId} version={run.deploymentVersion} />
          </Fact>
        )}
        {run.workPoolName && (
          <Fact label="Work pool">
            <AnchorLink to="/work-pools/$name" params={{ name: run.workPoolName }}>
              {run.workPoolName}
            </AnchorLink>
            {run.workQueueName && <Text span c="dimmed">{` / ${run.workQueueName}`}</Text>}
          </Fact>
        )}
        {run.parentTaskRunId && (
          <Fact label="Parent run">
            <ParentRunLink parentTaskRunId={run.parentTaskRunId} />
          </Fact>
        )}
        <Fact label="Start">{formatDateTime(run.startTime ?? run.expectedStartTime)}</Fact>
        <Fact label="End">{formatDateTime(run.endTime)}</Fact>
        <Fact label="Duration">
          {run.stateType === 'RUNNING' ? (
            <RunningDuration run={run} />
          ) : run.startTime ? (
            formatDuration(run.estimatedRunTime)
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Run count">{run.runCount}</Fact>
        <Fact label="Created by">{createdBy(run)}</Fact>
        {run.tags.length > 0 && (
          <Fact label="Tags">
            <Group gap={4}>
              {run.tags.map((tag) => (
                <Badge key={tag} variant="light" color="gray" size="sm" tt="none">
                  {tag}
                </Badge>
              ))}
            </Group>
          </Fact>
        )}
      </FactGrid>
    </Paper>
  );
}
