// The example of packages/client/README.md, verbatim, so the README cannot drift from the types.
import { createWeftClient } from '@weft/client';

const client = createWeftClient({
  url: process.env.WEFT_API_URL ?? 'http://127.0.0.1:4200',
  apiKey: process.env.WEFT_API_KEY,
});
const runs = await client.flowRuns.list.query({ limit: 10, filter: { stateType: { any: ['FAILED'] } } });
for (const run of runs) console.log(run.name, run.stateType, run.startTime?.toISOString());

const sub = client.flowRuns.watch.subscribe(
  { id: runs[0]!.id },
  { onData: (run) => console.log(run.stateName) },
);
sub.unsubscribe();
