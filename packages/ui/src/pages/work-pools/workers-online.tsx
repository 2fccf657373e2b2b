import { Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';

/** `2 of 3` workers online. One request per pool: the API lists workers by pool. */
export function WorkersOnline({ workPoolName }: { workPoolName: string }) {
  const trpc = useTRPC();
  const workers = useQuery({ ...trpc.workers.list.queryOptions({ workPoolName }), refetchInterval: 15_000 });
  if (workers.isPending) return <Loader size="xs" />;
  if (workers.isError) return <Text c="dimmed">?</Text>;
  const online = workers.data.filter((worker) => worker.status === 'ONLINE').length;
  return (
    <Text size="sm" c={online > 0 ? undefined : 'dimmed'}>
      {workers.data.length === 0 ? 'none' : `${online} of ${workers.data.length}`}
    </Text>
  );
}
