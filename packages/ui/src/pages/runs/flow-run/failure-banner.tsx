import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { FlowRun } from '@weft/schemas';
import { AnchorLink } from '../../../components/links';

/** Why a failed or crashed run failed, on every tab, with a link to its traceback. */
export function FailureBanner({ run }: { run: FlowRun }) {
  const { state } = run;
  if (!state || (state.type !== 'FAILED' && state.type !== 'CRASHED')) return null;
  return (
    <Alert
      color={state.type === 'CRASHED' ? 'orange' : 'red'}
      icon={<IconAlertTriangle />}
      py="xs"
      mb="md"
      data-testid="failure-banner"
    >
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {state.message ?? `This run is ${state.name}.`}{' '}
        <AnchorLink
          to="/runs/flow-run/$id"
          params={{ id: run.id }}
          search={{ tab: 'result' }}
          size="sm"
          fw={600}
        >
          See the error and traceback
        </AnchorLink>
      </Text>
    </Alert>
  );
}
