import { hostname } from 'node:os';
import type { Deployment, FlowRun } from '@weft/schemas';
import { runFlowRun } from '../../execution/run-flow-run';
import type { AnyFlow } from '../../flows/flow-types';
import type { ServeRunnerOptions } from '../deploy-options';
import type { DeploymentsClient } from '../deployment-client';
import { markCancelled, superviseRun } from './run-supervisor';

/** A deployment this runner serves, with the flow that runs its runs. @internal */
export interface ServedDeployment {
  deployment: Deployment;
  flow: AnyFlow;
}

interface ActiveRun {
  flowRun: FlowRun;
  done: Promise<void>;
  /** Mark the run Cancelled and free its slot; resolves once the server has the state. */
  cancel(): Promise<void>;
}

/** How often a run's concurrency lease is renewed: a third of its grace period, 5–60 s. */
function leaseRenewalSeconds(deployment: Deployment): number | undefined {
  if (deployment.concurrencyLimit === null) return undefined;
  const grace = deployment.concurrencyOptions?.gracePeriodSeconds ?? 300;
  return Math.min(60, Math.max(5, grace / 3));
}

/**
 * The in-process runner behind `serve` (reference §4.6, with runs in this process, not a
 * subprocess): claims due runs of its deployments (they come back Pending), runs each with the
 * already-loaded flow, at most `limit` at once, woken by the server's `watchScheduled` push and a
 * poll; renews concurrency leases and honours cancels while a run executes. @internal
 */
export class FlowRunner {
  readonly name: string;
  readonly #client: DeploymentsClient;
  readonly #served: Map<string, ServedDeployment>;
  readonly #limit: number;
  readonly #log: (line: string) => void;
  readonly #active = new Map<string, ActiveRun>();
  /** Runs that were cancelled while their code still ran (JavaScript cannot stop it). */
  readonly #detached = new Set<Promise<void>>();
  #claiming: Promise<void> | undefined;
  #again = false;
  /**
   * Due runs may be waiting for a free slot: the last claim filled every slot, or a wake-up came
   * while none was free. Only then does a finished run trigger a claim; otherwise the server's
   * push and the poll say when there is work, and an idle claim would only cost the server.
   */
  #backlog = false;
  #stopped = false;
  #poll: NodeJS.Timeout | undefined;
  #subscription: { unsubscribe(): void } | undefined;

  constructor(client: DeploymentsClient, served: ServedDeployment[], options: ServeRunnerOptions) {
    this.#client = client;
    this.#served = new Map(served.map((s) => [s.deployment.id, s]));
    this.#limit = options.limit ?? 5;
    this.#log = options.log ?? ((line) => void process.stderr.write(`${line}\n`));
    this.name = options.runnerName ?? `serve-${hostname()}-${process.pid}`;
    const pollSeconds = options.pollSeconds ?? 10;
    this.#poll = setInterval(() => this.wake(), pollSeconds * 1000);
  }

  /** Start listening for due runs and claim the ones due now. */
  start(): void {
    const deploymentIds = [...this.#served.keys()];
    this.#subscription = this.#client.workPools.watchScheduled.subscribe(
      { deploymentIds },
      {
        onData: () => this.wake(),
        // Without the push the poll still finds due runs, only later.
        onError: (error) => this.#log(`Wake-ups from the server stopped (polling instead): ${String(error)}`),
      },
    );
    this.wake();
  }

  /** Runs executing now. */
  get activeRuns(): number {
    return this.#active.size;
  }

  /** Claim due runs now (coalesced: one claim at a time, another after it when asked meanwhile). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#claiming) {
      this.#again = true;
      return;
    }
    this.#claiming = this.#claimLoop().finally(() => {
      this.#claiming = undefined;
    });
  }

  async #claimLoop(): Promise<void> {
    do {
      this.#again = false;
      const free = this.#limit - this.#active.size;
      if (this.#stopped) return;
      if (free <= 0) {
        this.#backlog = true;
        return;
      }
      let claimed: FlowRun[];
      try {
        claimed = await this.#client.deployments.claimFlowRuns.mutate({
          deploymentIds: [...this.#served.keys()],
          runnerName: this.name,
          // The run starts here and now: claimed straight to Running, one round trip less.
          state: 'RUNNING',
          limit: free,
        });
      } catch (error) {
        this.#log(`Could not claim flow runs: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      for (const flowRun of claimed) this.#start(flowRun);
      this.#backlog = claimed.length === free;
      if (this.#backlog) this.#again = true;
    } while (this.#again && !this.#stopped);
  }

  #start(flowRun: FlowRun): void {
    const served = flowRun.deploymentId ? this.#served.get(flowRun.deploymentId) : undefined;
    if (!served) {
      this.#log(`Claimed flow run ${flowRun.id} of a deployment this process does not serve; skipping it`);
      return;
    }
    const { deployment, flow } = served;
    this.#log(
      `Running flow run '${flowRun.name}' (${flowRun.id}) of ${deployment.flowName}/${deployment.name}`,
    );
    let cancelled = false;
    const cancelController = new AbortController();
    const stopWatching = superviseRun({
      client: this.#client,
      flowRun,
      renewLeaseSeconds: leaseRenewalSeconds(deployment),
      log: this.#log,
      onCancel: () => void active.cancel(),
    });
    const running = runFlowRun(flow, flowRun.id, {
      deployment: { id: deployment.id, name: deployment.name, version: deployment.version },
      signal: cancelController.signal,
      flowRun,
      claimedRunning: true,
    }).then(
      (outcome) => {
        if (!cancelled)
          this.#log(`Flow run '${flowRun.name}' (${flowRun.id}) finished: ${outcome.state.name}`);
      },
      (error: unknown) => this.#log(`Flow run ${flowRun.id} could not run: ${String(error)}`),
    );
    const done = running.finally(() => {
      stopWatching();
      this.#active.delete(flowRun.id);
      if (this.#backlog) this.wake();
    });
    const active: ActiveRun = {
      flowRun,
      done,
      cancel: async () => {
        if (cancelled) return;
        cancelled = true;
        this.#log(`Cancelling flow run '${flowRun.name}' (${flowRun.id})`);
        // The run's signal aborts (code that listens stops), and its outcome is not proposed.
        cancelController.abort(new Error('Flow run was cancelled.'));
        // The slot is freed at once: the run is over even if its code keeps running a while.
        this.#active.delete(flowRun.id);
        this.#detached.add(done);
        void done.finally(() => this.#detached.delete(done));
        await markCancelled(this.#client, flowRun.id).then(
          () => this.#backlog && this.wake(),
          (error: unknown) => this.#log(`Could not cancel flow run ${flowRun.id}: ${String(error)}`),
        );
      },
    };
    this.#active.set(flowRun.id, active);
  }

  /**
   * Stop claiming; then wait for the runs in progress to finish, or cancel them with
   * `cancelRuns`. Resolves when no run of this runner is in progress.
   */
  async stop(options: { cancelRuns?: boolean } = {}): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#poll);
    this.#subscription?.unsubscribe();
    await this.#claiming;
    const active = [...this.#active.values()];
    // A cancelled run's code may run on (JavaScript cannot stop it); its run is over, so stop
    // does not wait for it.
    if (options.cancelRuns) await Promise.all(active.map((run) => run.cancel()));
    else await Promise.all(active.map((run) => run.done));
  }
}
