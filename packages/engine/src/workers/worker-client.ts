import type {
  ClaimedFlowRun,
  ClaimFlowRunsInput,
  FlowRun,
  FlowRunListInput,
  FlowRunUpdate,
  OrchestrationResult,
  StateCreate,
  WorkerHeartbeat,
  WorkPool,
  WorkPoolCreate,
} from '@weft/schemas';

type Mutation<TIn, TOut> = { mutate(input: TIn): Promise<TOut> };
type Query<TIn, TOut> = { query(input: TIn): Promise<TOut> };

/** A tRPC subscription, structurally. */
export interface WorkerSubscribable<TIn, TOut> {
  subscribe(
    input: TIn,
    handlers: { onData(value: TOut): void; onError?(error: unknown): void },
  ): { unsubscribe(): void };
}

/**
 * The procedures a worker calls: a structural slice of `WeftClient`, so a `createWeftClient()`
 * client fits as it is.
 */
export interface WorkerClient {
  workers: { heartbeat: Mutation<WorkerHeartbeat, unknown> };
  workPools: {
    create: Mutation<WorkPoolCreate, WorkPool>;
    read: Query<{ name: string }, WorkPool>;
    claimFlowRuns: Mutation<ClaimFlowRunsInput, ClaimedFlowRun[]>;
    watchScheduled: WorkerSubscribable<{ workPoolName?: string }, { ids: string[] }>;
  };
  flowRuns: {
    read: Query<{ id: string }, FlowRun>;
    list: Query<FlowRunListInput, FlowRun[]>;
    update: Mutation<FlowRunUpdate, FlowRun>;
    setState: Mutation<{ id: string; state: StateCreate; force?: boolean }, OrchestrationResult>;
    watch: WorkerSubscribable<{ id: string }, FlowRun>;
  };
}

/** Whether a client error is the server's NOT_FOUND (or CONFLICT…). @internal */
export function hasErrorCode(error: unknown, code: string): boolean {
  return (error as { data?: { code?: unknown } } | null)?.data?.code === code;
}
