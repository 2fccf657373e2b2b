import { useQuery } from '@tanstack/react-query';
import type { FlowRun } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';

/** The most deployments fetched to summarise one page of flows. */
const SUMMARY_LIMIT = 200;

export interface FlowSummary {
  /** Deployments of the flow; `undefined` while loading. */
  deployments: number | undefined;
  /** True when the count may be short because the batch hit {@link SUMMARY_LIMIT}. */
  deploymentsCapped: boolean;
  /** The flow's most recently started run. */
  lastRun: FlowRun | undefined;
  loading: boolean;
}

/**
 * Deployment counts and last runs of a page of flows in two requests (not one per flow): one
 * `deployments.list` over all the page's flow ids (bounded), and `flowRuns.latestPerFlow`.
 */
export function useFlowSummaries(flowIds: string[]): (flowId: string) => FlowSummary {
  const trpc = useTRPC();
  const enabled = flowIds.length > 0;
  const deployments = useQuery({
    ...trpc.deployments.list.queryOptions({ filter: { flowId: { any: flowIds } }, limit: SUMMARY_LIMIT }),
    enabled,
  });
  const runs = useQuery({ ...trpc.flowRuns.latestPerFlow.queryOptions({ flowIds }), enabled });
  const counts = new Map<string, number>();
  for (const deployment of deployments.data ?? []) {
    counts.set(deployment.flowId, (counts.get(deployment.flowId) ?? 0) + 1);
  }
  const lastRuns = new Map<string, FlowRun>((runs.data ?? []).map((run) => [run.flowId, run]));
  const capped = (deployments.data?.length ?? 0) >= SUMMARY_LIMIT;
  return (flowId) => ({
    deployments: deployments.data ? (counts.get(flowId) ?? 0) : undefined,
    deploymentsCapped: capped,
    lastRun: lastRuns.get(flowId),
    loading: deployments.isPending || runs.isPending,
  });
}
