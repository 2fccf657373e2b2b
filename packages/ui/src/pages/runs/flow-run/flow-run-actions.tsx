import { Button, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerStop, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { FlowRun, OrchestrationResult } from '@weft/schemas';
import { isTerminalStateType } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { ConfirmButton } from '../../../components/confirm-button';
import { errorMessage } from '../../../components/query-state';
import { whyNotRetriable } from './retry-eligibility';

/** What orchestration did with a proposed state, as a sentence; `ok` when it went the way asked. */
function describe(run: FlowRun, verb: string, result: OrchestrationResult, wanted: string[]) {
  const now = result.state ? result.state.name : 'no state';
  const reason = 'reason' in result.details && result.details.reason ? `: ${result.details.reason}` : '';
  const ok = result.state !== null && wanted.includes(result.state.type);
  if (ok) return { ok, message: `Flow run '${run.name}' ${verb}; it is now ${now}.` };
  return { ok, message: `Flow run '${run.name}' was not ${verb}${reason}. It is ${now}.` };
}

/** Cancel, retry and delete a flow run; each says what happened. */
export function FlowRunActions({ run }: { run: FlowRun }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.flowRuns.pathKey() });
  const fail = (what: string) => (error: unknown) =>
    notifications.show({ color: 'red', title: `Could not ${what}`, message: errorMessage(error) });

  const setState = useMutation(trpc.flowRuns.setState.mutationOptions());
  const remove = useMutation(
    trpc.flowRuns.delete.mutationOptions({
      onSuccess: () => {
        notifications.show({ color: 'green', message: `Flow run '${run.name}' deleted.` });
        queryClient.removeQueries({ queryKey: trpc.flowRuns.read.queryKey({ id: run.id }) });
        void refresh();
        void navigate({ to: '/runs' });
      },
      onError: fail('delete the flow run'),
    }),
  );

  const propose = (verb: string, state: Parameters<typeof setState.mutate>[0]['state'], wanted: string[]) =>
    setState.mutate(
      { id: run.id, state },
      {
        onSuccess: (result) => {
          const { ok, message } = describe(run, verb, result, wanted);
          notifications.show({ color: ok ? 'green' : 'yellow', message });
          void refresh();
        },
        onError: fail(verb === 'cancelled' ? 'cancel the flow run' : 'retry the flow run'),
      },
    );

  const terminal = isTerminalStateType(run.stateType);
  const notRetriable = whyNotRetriable(run);
  return (
    <>
      {!terminal && (
        <ConfirmButton
          color="orange"
          leftSection={<IconPlayerStop size={16} />}
          confirm={`Cancel flow run '${run.name}'? Its infrastructure will be stopped.`}
          loading={setState.isPending && setState.variables?.state.type === 'CANCELLING'}
          onConfirm={() =>
            propose(
              'cancelled',
              { type: 'CANCELLING', name: 'Cancelling', message: 'Cancelled from the UI' },
              ['CANCELLING', 'CANCELLED'],
            )
          }
        >
          Cancel
        </ConfirmButton>
      )}
      <Tooltip
        label={notRetriable ?? 'Schedule this run again; a worker or serve() picks it up'}
        multiline
        w={300}
      >
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRefresh size={16} />}
          // A disabled button gets no hover, so its tooltip would never say why: look disabled instead.
          data-disabled={notRetriable !== null || undefined}
          aria-disabled={notRetriable !== null}
          loading={setState.isPending && setState.variables?.state.type === 'SCHEDULED'}
          onClick={() =>
            notRetriable === null &&
            propose(
              'retried',
              {
                type: 'SCHEDULED',
                name: 'AwaitingRetry',
                message: 'Retried from the UI',
                stateDetails: { scheduledTime: new Date() },
              },
              ['SCHEDULED'],
            )
          }
        >
          Retry
        </Button>
      </Tooltip>
      <ConfirmButton
        color="red"
        leftSection={<IconTrash size={16} />}
        confirm={`Delete flow run '${run.name}' with its task runs and logs? This can't be undone.`}
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ id: run.id })}
      >
        Delete
      </ConfirmButton>
    </>
  );
}
