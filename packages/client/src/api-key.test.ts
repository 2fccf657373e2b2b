import type { FlowRun } from '@weft/schemas';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeftClient } from './create-weft-client';
import { WeftClientError } from './errors';

const API_KEY = 'test-key-0123456789';
let server: TestServer;
let url: string;

beforeAll(async () => {
  server = await createTestServer({ listen: true, apiKey: API_KEY });
  url = server.url!;
});
afterAll(async () => {
  await server?.close();
});

describe('apiKey', () => {
  it('is sent as a bearer token and accepted', async () => {
    const client = createWeftClient({ url, apiKey: API_KEY });
    await expect(client.flows.count.query({})).resolves.toEqual(expect.any(Number));
  });

  it.each([
    ['no key', undefined],
    ['a wrong key', 'wrong-key'],
  ])(
    'with %s, the server refuses with 401 and the client says how to set the key',
    async (_label, apiKey) => {
      const error = await createWeftClient({ url, apiKey })
        .flows.count.query({})
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(WeftClientError);
      expect(error).toMatchObject({ reason: 'UNAUTHORIZED', status: 401 });
      expect((error as Error).message).toMatch(/apiKey.*WEFT_API_KEY/);
    },
  );

  it('reaches subscriptions too (the Authorization header goes through eventsource)', async () => {
    const client = createWeftClient({ url, apiKey: API_KEY });
    const flow = await client.flows.create.mutate({ name: 'api-key-watch' });
    const run = await client.flowRuns.create.mutate({ flowId: flow.id });
    const first = await new Promise<FlowRun>((resolve, reject) => {
      const subscription = client.flowRuns.watch.subscribe(
        { id: run.id },
        {
          onData: (value) => {
            subscription.unsubscribe();
            resolve(value);
          },
          onError: reject,
        },
      );
    });
    expect(first.id).toBe(run.id);
  });
});
