import { createWeftClient } from '@weft/client';
import { flushEngine } from '@weft/engine';

/**
 * Wait until the server has recorded `expected` COMPLETED task runs of a flow run, so a benchmark
 * counts the time until every task run and its states are stored, not only until the flow returned.
 * In embedded mode (no WEFT_API_URL) the server is in this process: wait for the engine's flush,
 * which ends when the server has stored everything.
 */
export async function waitForRecordedTaskRuns(flowRunId: string, expected: number): Promise<void> {
  if (!process.env.WEFT_API_URL) return flushEngine();
  const client = createWeftClient({ url: process.env.WEFT_API_URL! });
  const filter = { flowRunId: { any: [flowRunId] }, stateType: { any: ['COMPLETED' as const] } };
  for (let i = 0; i < 6000; i++) {
    const n = await client.taskRuns.count.query({ filter });
    if (n >= expected) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`only part of ${expected} task runs were recorded for flow run ${flowRunId}`);
}
