import { createWeftClient } from '@weft/client';
import { flushEngine } from '@weft/engine';

/**
 * Wait until the server has recorded `expected` COMPLETED task runs of a flow run, so a benchmark
 * counts the time until every task run and its states are stored, not only until the flow returned.
 * The engine's flush ends when the server has acknowledged (committed) every batch; the count then
 * checks it, so the server is not polled while it writes. In embedded mode (no WEFT_API_URL) the
 * flush is the whole wait.
 */
export async function waitForRecordedTaskRuns(flowRunId: string, expected: number): Promise<void> {
  await flushEngine();
  if (!process.env.WEFT_API_URL) return;
  const client = createWeftClient({ url: process.env.WEFT_API_URL! });
  const filter = { flowRunId: { any: [flowRunId] }, stateType: { any: ['COMPLETED' as const] } };
  for (let i = 0; i < 6000; i++) {
    const n = await client.taskRuns.count.query({ filter });
    if (n >= expected) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`only part of ${expected} task runs were recorded for flow run ${flowRunId}`);
}
