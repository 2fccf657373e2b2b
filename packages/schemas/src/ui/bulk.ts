import { z } from 'zod';
import { Uuid } from '../core/ids';

/** The most runs one bulk request may name. */
export const MAX_BULK_IDS = 200;

/** Runs to act on at once (cancel, delete). */
export const BulkFlowRunIds = z.object({
  ids: z
    .array(Uuid)
    .min(1, 'ids must name at least one run')
    .max(MAX_BULK_IDS, `ids may name at most ${MAX_BULK_IDS} runs`),
});
export type BulkFlowRunIds = z.input<typeof BulkFlowRunIds>;

/** What happened to each run of a bulk request. */
export const BulkFlowRunResult = z.object({
  results: z.array(
    z.object({
      id: Uuid,
      /** `ok`: done; `skipped`: nothing to do (already finished, or gone); `rejected`: orchestration said no. */
      outcome: z.enum(['ok', 'skipped', 'rejected']),
      reason: z.string().nullable(),
    }),
  ),
});
export type BulkFlowRunResult = z.infer<typeof BulkFlowRunResult>;

/** The flows whose latest started run to read (one page of the flows list). */
export const LatestFlowRunsInput = z.object({
  flowIds: z.array(Uuid).min(1, 'flowIds must name at least one flow').max(MAX_BULK_IDS),
});
export type LatestFlowRunsInput = z.input<typeof LatestFlowRunsInput>;
