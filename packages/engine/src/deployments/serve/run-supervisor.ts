import { type FlowRun, newState } from '@weft/schemas';
import type { DeploymentsClient } from '../deployment-client';

/** Options of {@link superviseRun}. @internal */
export interface SuperviseRunOptions {
  client: DeploymentsClient;
  flowRun: FlowRun;
  /** Seconds between lease renewals; undefined when the deployment has no concurrency limit. */
  renewLeaseSeconds: number | undefined;
  /** Called once when the run is asked to cancel (it is CANCELLING on the server). */
  onCancel: () => void;
  log: (line: string) => void;
  /** Milliseconds before watching for a cancel starts. @default 500 */
  watchDelayMs?: number;
}

/**
 * Watch a run this process executes: renew its deployment concurrency lease while it runs (so the
 * slot is not freed under it), and notice a cancel (CANCELLING) through the `flowRuns.watch`
 * subscription. Returns the function that stops watching. @internal
 */
export function superviseRun(options: SuperviseRunOptions): () => void {
  const { client, flowRun, log } = options;
  let cancelled = false;
  let subscription: { unsubscribe(): void } | undefined;
  // Most runs are short: watching starts after a moment, so they cost the server no watch at all.
  // The watch yields the run's state first, so a cancel asked meanwhile is still seen.
  const startWatching = setTimeout(() => {
    subscription = client.flowRuns.watch.subscribe(
      { id: flowRun.id },
      {
        onData(run) {
          if (run.stateType !== 'CANCELLING' || cancelled) return;
          cancelled = true;
          options.onCancel();
        },
        onError: (error) => log(`Stopped watching flow run ${flowRun.id} for cancels: ${String(error)}`),
      },
    );
  }, options.watchDelayMs ?? 500);
  let lease: NodeJS.Timeout | undefined;
  if (options.renewLeaseSeconds !== undefined) {
    let warned = false;
    lease = setInterval(() => {
      client.deployments.renewConcurrencyLease.mutate({ flowRunId: flowRun.id }).catch((error: unknown) => {
        if (!warned) log(`Could not renew the concurrency lease of flow run ${flowRun.id}: ${String(error)}`);
        warned = true;
      });
    }, options.renewLeaseSeconds * 1000);
    lease.unref();
  }
  return () => {
    clearTimeout(startWatching);
    subscription?.unsubscribe();
    if (lease) clearInterval(lease);
  };
}

/**
 * End a cancelled run: Cancelled, forced (the flow's code may still be running — JavaScript cannot
 * stop it — but the run is over, and its later proposals are refused). @internal
 */
export async function markCancelled(client: DeploymentsClient, flowRunId: string): Promise<void> {
  await client.flowRuns.setState.mutate({
    id: flowRunId,
    state: newState('CANCELLED', { message: 'Flow run was cancelled.', stateDetails: { flowRunId } }),
    force: true,
  });
}
