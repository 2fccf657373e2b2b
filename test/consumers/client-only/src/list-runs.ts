// Type-checked against the packed tarballs; @weft/server is not installed here.
import { createWeftClient, isWeftClientError, type RouterInputs, type RouterOutputs } from '@weft/client';
import type { FlowRun } from '@weft/schemas';

const client = createWeftClient({
  url: process.env.WEFT_API_URL ?? 'http://127.0.0.1:4200',
  apiKey: process.env.WEFT_API_KEY,
});

const input: RouterInputs['flowRuns']['list'] = { limit: 5, filter: { stateType: { any: ['COMPLETED'] } } };

export async function latestRuns(): Promise<FlowRun[]> {
  try {
    const runs = await client.flowRuns.list.query(input);
    const first: RouterOutputs['flowRuns']['list'][number] | undefined = runs[0];
    const started: Date | null | undefined = first?.startTime;
    const name: string | undefined = first?.name;
    void [started, name];
    return runs;
  } catch (error: unknown) {
    if (isWeftClientError(error)) console.error(error.reason, error.message);
    throw error;
  }
}

export async function proveTypesAreNotAny(): Promise<void> {
  const run = await client.flowRuns.read.query({ id: '0193e7f0-0000-7000-8000-000000000000' });
  // @ts-expect-error startTime is Date | null, not a string
  const wrong: string = run.startTime;
  // @ts-expect-error flowRuns.read needs an id
  await client.flowRuns.read.query({});
  // @ts-expect-error there is no such procedure
  await client.flowRuns.nope.query();
  void wrong;
}
