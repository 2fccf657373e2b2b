import { Alert, Code, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FlowRun, isResultRecordMetadata, type State } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { JsonView } from '../../../components/json-view';
import { AnchorLink } from '../../../components/links';
import { StateError } from './state-error';

/** The task runs that failed in this run, each with its error: usually the cause of the run's failure. */
function FailedTaskRuns({ flowRunId }: { flowRunId: string }) {
  const trpc = useTRPC();
  const failed = useQuery(
    trpc.taskRuns.list.queryOptions({
      filter: { flowRunId: { any: [flowRunId] }, stateType: { any: ['FAILED', 'CRASHED'] } },
      sort: 'EXPECTED_START_TIME_ASC',
      limit: 20,
    }),
  );
  const rows = (failed.data ?? []).filter((taskRun) => taskRun.state !== null);
  if (rows.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={4}>Failed task runs</Title>
      {rows.map((taskRun) => (
        <StateError
          key={taskRun.id}
          state={taskRun.state as State}
          title={
            <>
              <AnchorLink to="/runs/task-run/$id" params={{ id: taskRun.id }} c="inherit" fw={700}>
                {taskRun.name}
              </AnchorLink>
              {taskRun.state?.message ? `: ${taskRun.state.message}` : ''}
            </>
          }
        />
      ))}
    </Stack>
  );
}

/** Where a persisted result is: the server never reads result storage, so the value is not shown. */
function PersistedResult({ data }: { data: unknown }) {
  if (!isResultRecordMetadata(data)) return <JsonView value={data} />;
  return (
    <Alert color="blue" title="The result is persisted" data-testid="persisted-result">
      <Stack gap={6}>
        <Text size="sm">
          Key <Code>{data.storageKey}</Code>, serialized as <Code>{data.serializer.type}</Code>, in{' '}
          {data.storageBlockId ? (
            <AnchorLink to="/blocks/block/$id" params={{ id: data.storageBlockId }}>
              its result storage block
            </AnchorLink>
          ) : (
            <>
              the local result store of the machine that ran it (<Code>$WEFT_HOME/storage</Code>)
            </>
          )}
          .
        </Text>
        <Text size="sm" c="dimmed">
          The server does not read result storage, so the value itself is not shown here.
        </Text>
      </Stack>
    </Alert>
  );
}

/** The run's outcome: its error and traceback when it failed, where its result is when it completed. */
export function ResultTab({ run }: { run: FlowRun }) {
  const { state } = run;
  if (!state) return <Text c="dimmed">This run has no state yet.</Text>;
  if (state.type === 'FAILED' || state.type === 'CRASHED') {
    return (
      <Stack gap="md">
        <StateError state={state} />
        <FailedTaskRuns flowRunId={run.id} />
      </Stack>
    );
  }
  if (state.type === 'COMPLETED') {
    const data = state.data;
    const unpersisted =
      data === null || (typeof data === 'object' && !Array.isArray(data) && data.type === 'unpersisted');
    if (unpersisted) {
      return (
        <Text c="dimmed" data-testid="unpersisted-result">
          This run completed, but its result was not persisted, so there is nothing to show. Turn on{' '}
          <Code>persistResult</Code> on the flow to keep it.
        </Text>
      );
    }
    return <PersistedResult data={data} />;
  }
  if (state.type === 'CANCELLED') {
    return (
      <Alert color="gray" title={`${state.name}: the run was stopped before it finished`}>
        {state.message ?? 'No reason was given.'}
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      <Text c="dimmed">This run is {state.name}; its result or its error appears here when it finishes.</Text>
      {state.message && <Text size="sm">{state.message}</Text>}
    </Stack>
  );
}
