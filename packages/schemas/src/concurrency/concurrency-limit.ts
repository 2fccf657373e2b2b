import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonValue } from '../core/json';

/** Characters a concurrency limit name may not contain. */
export const CONCURRENCY_LIMIT_NAME_BANNED_CHARACTERS = ['/', '%', '&', '>', '<'] as const;

/** A concurrency limit's name: 1..255 characters, none of the banned ones (`tag:etl` is fine). */
export const ConcurrencyLimitName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !CONCURRENCY_LIMIT_NAME_BANNED_CHARACTERS.some((c) => name.includes(c)), {
    message: `must not contain any of ${CONCURRENCY_LIMIT_NAME_BANNED_CHARACTERS.join(' ')}`,
  });

/** A global concurrency limit (reference §7.3). `activeSlots` is computed at read time. */
export const ConcurrencyLimit = z.object({
  id: Uuid,
  name: z.string(),
  limit: z.number().int(),
  active: z.boolean(),
  /** Slots held now: live leases plus the decayed rate-limit counter. */
  activeSlots: z.number(),
  /** Slots recently denied (decays like active slots). */
  deniedSlots: z.number(),
  /** Rate limits: how many slots free themselves per second (0 = a plain concurrency limit). */
  slotDecayPerSecond: z.number(),
  created: DateTime,
  updated: DateTime,
});
export type ConcurrencyLimit = z.infer<typeof ConcurrencyLimit>;

/** Create a limit. */
export const ConcurrencyLimitCreate = z
  .object({
    name: ConcurrencyLimitName,
    limit: z.number().int().min(0).max(1_000_000),
    active: z.boolean().default(true),
    slotDecayPerSecond: z.number().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ConcurrencyLimitCreate = z.input<typeof ConcurrencyLimitCreate>;

/** Change a limit, by name. */
export const ConcurrencyLimitUpdate = z
  .object({
    name: ConcurrencyLimitName,
    newName: ConcurrencyLimitName.optional(),
    limit: z.number().int().min(0).max(1_000_000).optional(),
    active: z.boolean().optional(),
    slotDecayPerSecond: z.number().min(0).max(1_000_000).optional(),
  })
  .strict();
export type ConcurrencyLimitUpdate = z.input<typeof ConcurrencyLimitUpdate>;

/** Reset a limit: drop every lease, the rate counter and the denied slots. */
export const ConcurrencyLimitReset = z.object({ name: ConcurrencyLimitName }).strict();

/** List limits. */
export const ConcurrencyLimitListInput = z
  .object({
    namePrefix: z.string().max(255).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

/** Who holds a lease. */
export const ConcurrencyLeaseHolder = z
  .object({
    type: z.enum(['flow_run', 'task_run', 'deployment', 'process', 'other']),
    id: z.string().min(1).max(255),
    label: z.string().max(255).optional(),
  })
  .strict();
export type ConcurrencyLeaseHolder = z.infer<typeof ConcurrencyLeaseHolder>;

/** How an acquisition counts: `concurrency` holds slots until release, `rate` lets them decay. */
export const CONCURRENCY_MODES = ['concurrency', 'rate'] as const;
export const ConcurrencyMode = z.enum(CONCURRENCY_MODES);
export type ConcurrencyMode = z.infer<typeof ConcurrencyMode>;

/** Acquire slots on every named limit at once (all or nothing). */
export const ConcurrencyAcquire = z
  .object({
    names: z.array(ConcurrencyLimitName).min(1).max(100),
    slots: z.number().int().min(1).max(1_000_000).default(1),
    mode: ConcurrencyMode.default('concurrency'),
    /** Lease time to live; the holder renews before it ends (concurrency mode). */
    ttlSeconds: z.number().min(1).max(86_400).default(300),
    holder: ConcurrencyLeaseHolder.optional(),
    /** Names with no limit are ignored (true) or answer NOT_FOUND (false). */
    ignoreMissing: z.boolean().default(true),
  })
  .strict();
export type ConcurrencyAcquire = z.input<typeof ConcurrencyAcquire>;

/** The answer to an acquisition: a lease, or when to try again. */
export const ConcurrencyAcquireResult = z.discriminatedUnion('acquired', [
  z.object({
    acquired: z.literal(true),
    /** The lease to renew and release; null in rate mode or when no named limit exists. */
    leaseId: Uuid.nullable(),
    expiresAt: DateTime.nullable(),
    /** The limits that were counted (existing and active). */
    limits: z.array(z.object({ id: Uuid, name: z.string(), limit: z.number().int() })),
  }),
  z.object({
    acquired: z.literal(false),
    /** The first limit that had no room. */
    blockedBy: z.string(),
    retryAfterSeconds: z.number(),
  }),
]);
export type ConcurrencyAcquireResult = z.infer<typeof ConcurrencyAcquireResult>;

/** Renew a lease. */
export const ConcurrencyRenew = z
  .object({ leaseId: Uuid, ttlSeconds: z.number().min(1).max(86_400).default(300) })
  .strict();

/** Release a lease. */
export const ConcurrencyRelease = z.object({ leaseId: Uuid }).strict();

/** A live lease on a limit. */
export const ConcurrencyLease = z.object({
  id: Uuid,
  names: z.array(z.string()),
  slots: z.number().int(),
  holder: z.record(z.string(), JsonValue),
  expiresAt: DateTime,
  created: DateTime,
});
export type ConcurrencyLease = z.infer<typeof ConcurrencyLease>;
