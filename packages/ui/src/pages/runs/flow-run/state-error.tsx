import { Alert, Code, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { SerializedError, type State } from '@weft/schemas';
import type { ReactNode } from 'react';

/** The error a FAILED or CRASHED state carries in its data, as the engine recorded it. */
export function stateError(state: State | null): SerializedError | null {
  const parsed = SerializedError.safeParse(state?.data);
  return parsed.success ? parsed.data : null;
}

/**
 * A failure, prominently: the state's message, the error's name and message, and its stack trace
 * (newlines kept).
 */
export function StateError({ state, title }: { state: State; title?: ReactNode }) {
  const error = stateError(state);
  const stack = error && 'stack' in error ? error.stack : undefined;
  const name = error && 'name' in error ? error.name : error?.kind === 'internal' ? error.code : null;
  return (
    <Alert
      color={state.type === 'CRASHED' ? 'orange' : 'red'}
      icon={<IconAlertTriangle />}
      title={title ?? `${state.name}${state.message ? `: ${state.message}` : ''}`}
      data-testid="state-error"
    >
      <Stack gap="xs">
        {error && (
          <Text size="sm" ff="monospace" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {name ? `${name}: ` : ''}
            {error.message}
          </Text>
        )}
        {stack && (
          <Code
            block
            data-testid="traceback"
            style={{ whiteSpace: 'pre-wrap', maxHeight: 480, overflow: 'auto' }}
          >
            {stack}
          </Code>
        )}
        {!error && state.data != null && (
          <Code block style={{ whiteSpace: 'pre-wrap' }}>
            {JSON.stringify(state.data, null, 2)}
          </Code>
        )}
      </Stack>
    </Alert>
  );
}
