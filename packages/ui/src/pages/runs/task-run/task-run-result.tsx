import { Alert, Code, Stack, Text } from '@mantine/core';
import { isResultRecordMetadata, type TaskRun } from '@weft/schemas';
import { JsonView } from '../../../components/json-view';
import { StateError } from '../flow-run/state-error';

/** The task run's outcome: its error when it failed, where its result is when it completed. */
export function TaskRunResult({ run }: { run: TaskRun }) {
  const { state } = run;
  if (!state) return <Text c="dimmed">This task run has no state yet.</Text>;
  if (state.type === 'FAILED' || state.type === 'CRASHED') return <StateError state={state} />;
  if (state.type === 'COMPLETED') {
    const data = state.data;
    if (data === null || (typeof data === 'object' && !Array.isArray(data) && data.type === 'unpersisted')) {
      return (
        <Text c="dimmed" data-testid="unpersisted-result">
          This task run completed, but its result was not persisted, so there is nothing to show. Give the
          task <Code>persistResult: true</Code> or a cache policy to keep it.
        </Text>
      );
    }
    if (isResultRecordMetadata(data)) {
      return (
        <Alert color="blue" title="The result is persisted" data-testid="persisted-result">
          <Stack gap={6}>
            <Text size="sm">
              Key <Code>{data.storageKey}</Code>, serialized as <Code>{data.serializer.type}</Code>
              {state.name === 'Cached' ? ' (a cached result, reused)' : ''}. The server does not read result
              storage, so the value itself is not shown here.
            </Text>
          </Stack>
        </Alert>
      );
    }
    return <JsonView value={data} />;
  }
  return (
    <Stack gap="xs">
      <Text c="dimmed">
        This task run is {state.name}; its result or its error appears here when it finishes.
      </Text>
      {state.message && <Text size="sm">{state.message}</Text>}
    </Stack>
  );
}
