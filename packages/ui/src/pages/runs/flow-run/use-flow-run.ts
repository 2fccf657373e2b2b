import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { isTerminalStateType } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';

/** How often the tabs of a run that is still going reload what the run has done so far. */
export const LIVE_REFETCH_MS = 2_000;

/**
 * A flow run, kept current while it is not in a terminal state: the server pushes every change
 * (`flowRuns.watch`, SSE). When the run ends, what its tabs show (tasks, subflows, artifacts, the
 * graph) is reloaded once.
 */
export function useFlowRun(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.flowRuns.read.queryOptions({ id }));
  const live = query.data !== undefined && !isTerminalStateType(query.data.stateType);
  useSubscription(
    trpc.flowRuns.watch.subscriptionOptions(
      { id },
      {
        enabled: live,
        onData: (run) => {
          queryClient.setQueryData(trpc.flowRuns.read.queryKey({ id }), run);
          if (isTerminalStateType(run.stateType)) {
            for (const key of [
              trpc.taskRuns.pathKey(),
              trpc.flowRuns.pathKey(),
              trpc.artifacts.pathKey(),
              trpc.logs.pathKey(),
            ]) {
              void queryClient.invalidateQueries({ queryKey: key });
            }
          }
        },
      },
    ),
  );
  return { query, live };
}
