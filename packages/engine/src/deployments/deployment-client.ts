import type {
  Deployment,
  DeploymentClaimFlowRunsInput,
  DeploymentCreate,
  DeploymentFlowRunCreate,
  DeploymentRef,
  FlowRun,
  StateCreate,
} from '@weft/schemas';
import { getEngineSession } from '../config/engine-session';

type Mutation<TIn, TOut> = { mutate(input: TIn): Promise<TOut> };
type Query<TIn, TOut> = { query(input: TIn): Promise<TOut> };

/** A tRPC subscription, structurally: `subscribe(input, { onData, onError })`. @internal */
export interface Subscribable<TIn, TOut> {
  subscribe(
    input: TIn,
    handlers: { onData(value: TOut): void; onError?(error: unknown): void; onComplete?(): void },
  ): { unsubscribe(): void };
}

/**
 * The procedures deployments, `serve` and `runDeployment` call: a structural slice of
 * `WeftClient`, so a user may pass their own client and tests a real one. @internal
 */
export interface DeploymentsClient {
  deployments: {
    create: Mutation<DeploymentCreate, Deployment>;
    read: Query<DeploymentRef, Deployment>;
    createFlowRun: Mutation<DeploymentFlowRunCreate, FlowRun>;
    claimFlowRuns: Mutation<DeploymentClaimFlowRunsInput, FlowRun[]>;
    renewConcurrencyLease: Mutation<{ flowRunId: string }, { expiresAt: Date | null }>;
    pause: Mutation<{ id: string }, unknown>;
  };
  flowRuns: {
    read: Query<{ id: string }, FlowRun>;
    watch: Subscribable<{ id: string }, FlowRun>;
    setState: Mutation<{ id: string; state: StateCreate; force?: boolean }, unknown>;
  };
  workPools: {
    watchScheduled: Subscribable<{ workPoolName?: string; deploymentIds?: string[] }, { ids: string[] }>;
  };
}

/** A client given by the caller, else the engine session's (WEFT_API_URL or the embedded server). @internal */
export async function resolveDeploymentsClient(client?: unknown): Promise<DeploymentsClient> {
  if (client) return client as DeploymentsClient;
  // The session's client is a whole WeftClient; this port names the slice used here.
  return (await getEngineSession()).client as unknown as DeploymentsClient;
}
