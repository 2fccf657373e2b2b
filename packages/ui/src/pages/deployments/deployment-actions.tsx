import { Button } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconRocket, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { Deployment } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { ConfirmButton } from '../../components/confirm-button';
import { ButtonLink } from '../../components/links';
import { notifyDone, notifyFailed } from '../../components/notify';

/** Run, pause or resume, and delete a deployment. */
export function DeploymentActions({ deployment }: { deployment: Deployment }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const fullName = `${deployment.flowName}/${deployment.name}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.deployments.pathKey() });
  const onToggled = (done: string, verb: string) => ({
    onSuccess: () => {
      notifyDone(`${done} ${fullName}`);
      return refresh();
    },
    onError: (error: unknown) => notifyFailed(`${verb} ${fullName}`, error),
  });
  const pause = useMutation(
    trpc.deployments.pause.mutationOptions(onToggled('Paused (its scheduled runs were removed):', 'pause')),
  );
  const resume = useMutation(trpc.deployments.resume.mutationOptions(onToggled('Resumed', 'resume')));
  const remove = useMutation(
    trpc.deployments.delete.mutationOptions({
      onSuccess: async () => {
        notifyDone(`Deleted ${fullName}`);
        await navigate({ to: '/deployments' });
        await refresh();
      },
      onError: (error) => notifyFailed(`delete ${fullName}`, error),
    }),
  );
  return (
    <>
      <ButtonLink
        to="/deployments/$id/run"
        params={{ id: deployment.id }}
        size="xs"
        leftSection={<IconRocket size={16} />}
        data-testid="deployment-run-button"
      >
        Run
      </ButtonLink>
      {deployment.paused ? (
        <Button
          size="xs"
          variant="light"
          color="green"
          leftSection={<IconPlayerPlay size={16} />}
          loading={resume.isPending}
          onClick={() => resume.mutate({ id: deployment.id })}
          data-testid="deployment-resume-button"
        >
          Resume
        </Button>
      ) : (
        <Button
          size="xs"
          variant="light"
          color="orange"
          leftSection={<IconPlayerPause size={16} />}
          loading={pause.isPending}
          onClick={() => pause.mutate({ id: deployment.id })}
          data-testid="deployment-pause-button"
        >
          Pause
        </Button>
      )}
      <ConfirmButton
        color="red"
        leftSection={<IconTrash size={16} />}
        loading={remove.isPending}
        confirm={`Delete ${fullName}? Its scheduled runs are deleted too; its past runs stay.`}
        onConfirm={() => remove.mutate({ id: deployment.id })}
        data-testid="deployment-delete-button"
      >
        Delete
      </ConfirmButton>
    </>
  );
}
