import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Artifact } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { AnchorLink } from '../../components/links';

/** The names of the flow runs and task runs these artifacts came from, by id (one request each). */
export function useRunNames(artifacts: readonly Pick<Artifact, 'flowRunId' | 'taskRunId'>[]) {
  const trpc = useTRPC();
  const flowRunIds = [...new Set(artifacts.flatMap((a) => (a.flowRunId ? [a.flowRunId] : [])))].sort();
  const taskRunIds = [...new Set(artifacts.flatMap((a) => (a.taskRunId ? [a.taskRunId] : [])))].sort();
  const flowRuns = useQuery({
    ...trpc.flowRuns.list.queryOptions({ filter: { id: { any: flowRunIds } }, limit: 200 }),
    enabled: flowRunIds.length > 0,
  });
  const taskRuns = useQuery({
    ...trpc.taskRuns.list.queryOptions({ filter: { id: { any: taskRunIds } }, limit: 200 }),
    enabled: taskRunIds.length > 0,
  });
  return {
    flowRuns: new Map((flowRuns.data ?? []).map((run) => [run.id, `${run.flowName} / ${run.name}`])),
    taskRuns: new Map((taskRuns.data ?? []).map((run) => [run.id, run.name])),
  };
}

/** Links to the flow run and task run an artifact came from; "—" when made outside a run. */
export function RunLinks({
  artifact,
  names,
}: {
  artifact: Pick<Artifact, 'flowRunId' | 'taskRunId'>;
  names: ReturnType<typeof useRunNames>;
}) {
  const { flowRunId, taskRunId } = artifact;
  if (!flowRunId && !taskRunId)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={6} wrap="wrap">
      {flowRunId && (
        <AnchorLink to="/runs/flow-run/$id" params={{ id: flowRunId }} size="sm">
          {names.flowRuns.get(flowRunId) ?? 'flow run'}
        </AnchorLink>
      )}
      {taskRunId && (
        <>
          <Text size="sm" c="dimmed">
            ›
          </Text>
          <AnchorLink to="/runs/task-run/$id" params={{ id: taskRunId }} size="sm">
            {names.taskRuns.get(taskRunId) ?? 'task run'}
          </AnchorLink>
        </>
      )}
    </Group>
  );
}
