// The CommonJS side of the types (dist/index.d.cts), checked under node16.
import weft = require('@weft/client');

export const client: weft.WeftClient = weft.createWeftClient({ url: 'http://127.0.0.1:4200/api' });
export async function count(): Promise<number> {
  return client.flowRuns.count.query({});
}
