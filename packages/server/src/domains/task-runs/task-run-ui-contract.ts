import type { HistoryBucket, TaskRunHistoryInput } from '@weft/schemas';
import type { z } from 'zod';

// The task run procedures the web UI needs, added to the TaskRunService contract of
// `trpc/context.ts` by declaration merging (typed by schema types only, like the contract itself).

declare module '../../trpc/context' {
  interface TaskRunService {
    /** Task runs by expected-start bucket and state, every bucket of the window present. */
    history(input: z.output<typeof TaskRunHistoryInput>): Promise<HistoryBucket[]>;
  }
}
