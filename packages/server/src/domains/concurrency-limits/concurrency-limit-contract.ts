import type {
  ConcurrencyAcquire,
  ConcurrencyAcquireResult,
  ConcurrencyLease,
  ConcurrencyLimit,
  ConcurrencyLimitCreate,
  ConcurrencyLimitListInput,
  ConcurrencyLimitUpdate,
  ConcurrencyRenew,
} from '@weft/schemas';
import type { z } from 'zod';

/** Global concurrency limits and rate limits, with leases (reference §7.3–7.4). */
export interface ConcurrencyLimitService {
  create(input: z.output<typeof ConcurrencyLimitCreate>): Promise<ConcurrencyLimit>;
  get(name: string): Promise<ConcurrencyLimit>;
  list(input: z.output<typeof ConcurrencyLimitListInput>): Promise<ConcurrencyLimit[]>;
  update(input: z.output<typeof ConcurrencyLimitUpdate>): Promise<ConcurrencyLimit>;
  delete(name: string): Promise<{ id: string; name: string }>;
  /** Drop every lease, the rate counter and the denied slots of a limit. */
  reset(name: string): Promise<ConcurrencyLimit>;
  /** Take slots on every named limit at once, or none. */
  acquire(input: z.output<typeof ConcurrencyAcquire>): Promise<ConcurrencyAcquireResult>;
  /** Push a live lease's expiry to now + ttl; NOT_FOUND when it expired or was released. */
  renew(input: z.output<typeof ConcurrencyRenew>): Promise<{ leaseId: string; expiresAt: Date }>;
  /** Free a lease's slots; `released: false` when it was already gone. */
  release(leaseId: string): Promise<{ released: boolean }>;
  /** Live leases, of one limit or all. */
  listLeases(name: string | undefined): Promise<ConcurrencyLease[]>;
}
