import { type FlowRun, isTerminalStateType } from '@weft/schemas';
import type { DeploymentsClient } from './deployment-client';

/** Options of {@link waitForFlowRun}. @internal */
export interface WaitForFlowRunOptions {
  /** Stop waiting after this many seconds and return the run as it is. @default wait forever */
  timeoutSeconds?: number | undefined;
  /** Seconds between reads, besides the server's pushed changes (a safety net). @default 5 */
  pollSeconds?: number | undefined;
  /** Stop waiting when aborted. */
  signal?: AbortSignal | undefined;
}

/**
 * Wait until a flow run reaches a final state: woken by the `flowRuns.watch` subscription (SSE
 * over HTTP), with a slow poll as a safety net for a dropped stream. Returns the run as last read;
 * not final when the timeout passed first. @internal
 */
export function waitForFlowRun(
  client: DeploymentsClient,
  flowRunId: string,
  options: WaitForFlowRunOptions = {},
): Promise<FlowRun> {
  return new Promise<FlowRun>((resolve, reject) => {
    let latest: FlowRun | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    let subscription: { unsubscribe(): void } | undefined;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      clearInterval(poll);
      subscription?.unsubscribe();
      options.signal?.removeEventListener('abort', onAbort);
      if (error !== undefined || !latest) reject(error ?? new Error(`Flow run ${flowRunId} was not found`));
      else resolve(latest);
    };
    const seen = (run: FlowRun) => {
      // Changes may arrive out of order (a poll and a push); never go back to an older state.
      if (latest?.state && run.state && run.state.timestamp < latest.state.timestamp) return;
      latest = run;
      if (isTerminalStateType(run.stateType)) finish();
    };
    const read = () =>
      client.flowRuns.read.query({ id: flowRunId }).then(seen, (error: unknown) => {
        if (!latest) finish(error);
      });
    const onAbort = () => finish();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    subscription = client.flowRuns.watch.subscribe(
      { id: flowRunId },
      // A stream that fails is not fatal: the poll carries on.
      { onData: seen, onError: () => undefined },
    );
    const poll = setInterval(() => void read(), (options.pollSeconds ?? 5) * 1000);
    if (options.timeoutSeconds !== undefined) {
      timers.push(
        setTimeout(
          () => (latest ? finish() : void read().then(() => finish())),
          options.timeoutSeconds * 1000,
        ),
      );
    }
    void read();
  });
}
