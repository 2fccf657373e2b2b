import type {
  BulkFlowRunIds,
  BulkFlowRunResult,
  FlowRunGraph,
  FlowRunGraphInput,
  FlowRunHistoryInput,
  HistoryBucket,
} from '@weft/schemas';
import type { z } from 'zod';

// The flow run procedures the web UI needs, added to the FlowRunService contract of
// `trpc/context.ts` by declaration merging (typed by schema types only, like the contract itself).

declare module '../../trpc/context' {
  interface FlowRunService {
    /** Runs by expected-start bucket and state, every bucket of the window present. */
    history(input: z.output<typeof FlowRunHistoryInput>): Promise<HistoryBucket[]>;
    /** The run's task runs and subflow runs as a DAG, with the run's states. */
    graph(input: z.output<typeof FlowRunGraphInput>): Promise<FlowRunGraph>;
    /** Propose CANCELLING to each run; per-run outcomes. */
    bulkCancel(input: z.output<typeof BulkFlowRunIds>): Promise<BulkFlowRunResult>;
    /** Delete the runs in one transaction; per-run outcomes. */
    bulkDelete(input: z.output<typeof BulkFlowRunIds>): Promise<BulkFlowRunResult>;
  }
}
