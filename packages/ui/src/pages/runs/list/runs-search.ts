import { type FlowRunFilter, FlowRunSort, StateType } from '@weft/schemas';
import { z } from 'zod';

/** One value or several (`?state=FAILED` typed by hand, or `?state=["FAILED","CRASHED"]`). */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item)).optional();

/** Quick ranges: the last hour, day, week or month, counted back from now. */
export const QUICK_RANGES = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};
export type QuickRange = keyof typeof QUICK_RANGES;

function isQuickRange(value: string): value is QuickRange {
  return value in QUICK_RANGES;
}

/** A time bound: an ISO date-time, or a quick range (`24h`) meaning that long before now. */
const TimeBound = z.string().refine((value) => isQuickRange(value) || !Number.isNaN(Date.parse(value)), {
  message: 'must be an ISO date-time or one of 1h, 24h, 7d, 30d',
});

/** The runs list's filters, all in the URL so a filtered list can be linked to. */
export const RunsSearch = z.object({
  /** State types (any of). */
  state: many(StateType),
  /** State names (any of), e.g. `Late`. */
  stateName: many(z.string().min(1)),
  /** Flow ids (any of). */
  flow: many(z.uuid()),
  /** Deployment ids (any of). */
  deployment: many(z.uuid()),
  /** Work pool names (any of). */
  pool: many(z.string().min(1)),
  /** Tags (all of). */
  tags: many(z.string().min(1)),
  /** Expected to start at or after this. */
  from: TimeBound.optional(),
  /** Expected to start at or before this. */
  to: TimeBound.optional(),
  /** The run's name contains this (case-insensitive). */
  q: z.string().optional(),
  sort: FlowRunSort.optional(),
  /** 1-based. */
  page: z.coerce.number().int().min(1).optional(),
  size: z.coerce.number().int().min(1).max(200).optional(),
});
export type RunsSearch = z.output<typeof RunsSearch>;

/** The search params a link to the runs list may set. */
export interface RunsSearchInput {
  state?: z.input<typeof StateType>[];
  stateName?: string[];
  flow?: string[];
  deployment?: string[];
  pool?: string[];
  tags?: string[];
  from?: string;
  to?: string;
  q?: string;
  sort?: FlowRunSort;
  page?: number;
  size?: number;
}

/**
 * Read the runs list's search params; a bad one (a typo in a shared link) fails with a message
 * naming it: `state.0: Invalid option: expected one of "SCHEDULED"|…`.
 */
export function validateRunsSearch(search: RunsSearchInput): RunsSearch {
  const parsed = RunsSearch.safeParse(search);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'search'}: ${issue.message}`,
  );
  throw new Error(
    `This link's run filters are not valid (${problems.join('; ')}). Open /runs to start over.`,
  );
}

/** A time bound as a date: quick ranges count back from `now`. */
export function resolveTimeBound(value: string | undefined, now: number): Date | undefined {
  if (!value) return undefined;
  return isQuickRange(value) ? new Date(now - QUICK_RANGES[value]) : new Date(value);
}

/** The server filter for the runs list's search params. */
export function runsFilter(search: RunsSearch, now: number): FlowRunFilter {
  const filter: FlowRunFilter = {};
  if (search.state?.length) filter.stateType = { any: search.state };
  if (search.stateName?.length) filter.stateName = { any: search.stateName };
  if (search.flow?.length) filter.flowId = { any: search.flow };
  if (search.deployment?.length) filter.deploymentId = { any: search.deployment };
  if (search.pool?.length) filter.workPoolName = { any: search.pool };
  if (search.tags?.length) filter.tags = { all: search.tags };
  if (search.q?.trim()) filter.name = { like: search.q.trim() };
  const after = resolveTimeBound(search.from, now);
  const before = resolveTimeBound(search.to, now);
  if (after || before) filter.expectedStartTime = { ...(after && { after }), ...(before && { before }) };
  return filter;
}

/** Search params that narrow the list (not paging or sorting). */
export const FILTER_KEYS = [
  'state',
  'stateName',
  'flow',
  'deployment',
  'pool',
  'tags',
  'from',
  'to',
  'q',
] as const;

export function hasFilters(search: RunsSearch): boolean {
  return FILTER_KEYS.some((key) => search[key] !== undefined);
}
