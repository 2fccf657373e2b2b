import type {
  ConcurrencyAcquire,
  ConcurrencyAcquireResult,
  ConcurrencyLeaseHolder,
  ConcurrencyLimit,
  ConcurrencyLimitListInput,
} from '@weft/schemas';
import type { z } from 'zod';
import { getEngineSession } from '../config/engine-session';
import { findRunContext } from '../context/run-context';

type Mutation<TIn, TOut> = { mutate(input: TIn): Promise<TOut> };
type Query<TIn, TOut> = { query(input: TIn): Promise<TOut> };

/** The concurrency limit procedures the engine calls: a structural slice of `WeftClient`. @internal */
export interface ConcurrencyClient {
  concurrencyLimits: {
    acquire: Mutation<ConcurrencyAcquire, ConcurrencyAcquireResult>;
    renew: Mutation<{ leaseId: string; ttlSeconds?: number }, { leaseId: string; expiresAt: Date }>;
    release: Mutation<{ leaseId: string }, { released: boolean }>;
    list: Query<z.input<typeof ConcurrencyLimitListInput>, ConcurrencyLimit[]>;
  };
}

/** The current run's session client, else the process's session (WEFT_API_URL or embedded). @internal */
export async function resolveConcurrencyClient(): Promise<ConcurrencyClient> {
  const session = findRunContext()?.flowRun?.session ?? (await getEngineSession());
  // The session's client is a whole WeftClient; this port names the slice used here.
  return session.client as unknown as ConcurrencyClient;
}

/** Who is asking: the current task run, else the flow run, else this process. @internal */
export function currentHolder(): ConcurrencyLeaseHolder {
  const context = findRunContext();
  if (context?.taskRun)
    return { type: 'task_run', id: context.taskRun.taskRun.id, label: context.taskRun.taskRun.name };
  if (context?.flowRun)
    return { type: 'flow_run', id: context.flowRun.flowRun.id, label: context.flowRun.flowRun.name };
  return { type: 'process', id: String(process.pid) };
}
