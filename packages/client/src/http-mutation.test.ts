import { createServer as createHttpServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getUntypedClient, type TRPCClientError } from '@trpc/client';
import { uuid7 } from '@weft/schemas';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeftClient, type WeftClient } from './create-weft-client';
import { createNodeHttpFetch } from './node-http-fetch';
import { LeanMutationUntypedClient } from './weft-untyped-client';

// A mutation on Node goes out without tRPC's links (createHttpMutation); given a `fetch`, the
// client uses the links. Every outcome must be the same either way.

let server: TestServer;
let lean: WeftClient;
let linked: WeftClient;

beforeAll(async () => {
  server = await createTestServer({ listen: true });
  lean = createWeftClient({ url: server.url! });
  linked = createWeftClient({ url: server.url!, fetch: createNodeHttpFetch() });
});
afterAll(() => server?.close());

/** What a call ended as, comparable across the two clients. */
async function outcome(call: Promise<unknown>) {
  try {
    return { value: await call };
  } catch (error) {
    const e = error as TRPCClientError<never> & { reason?: string; status?: number };
    return {
      error: {
        class: e.constructor.name,
        message: e.message,
        data: e.data,
        shape: e.shape,
        reason: e.reason,
        status: e.status,
        metaStatus: (e.meta?.response as Response | undefined)?.status,
        responseJSON: e.meta?.responseJSON,
      },
    };
  }
}

async function listen(handler: RequestListener) {
  const http = createHttpServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => http.close() };
}

describe('a mutation over HTTP without the links', () => {
  it('answers what the links answer: output with dates, and the server errors', async () => {
    expect(getUntypedClient(lean)).toBeInstanceOf(LeanMutationUntypedClient);
    expect(getUntypedClient(linked)).not.toBeInstanceOf(LeanMutationUntypedClient);
    const flow = await lean.flows.create.mutate({ name: 'lean' });
    expect(flow.createdAt).toBeInstanceOf(Date);
    expect(await linked.flows.create.mutate({ name: 'lean' })).toEqual(flow);
    const missing = uuid7();
    const calls: Array<(c: WeftClient) => Promise<unknown>> = [
      (c) => c.flows.create.mutate({ name: '' }),
      (c) => c.flowRuns.create.mutate({ flowId: 'not-a-uuid' }),
      (c) => c.flowRuns.create.mutate({ flowId: missing }),
      (c) =>
        c.flowRuns.setState.mutate({
          id: '0193e7f0-0000-7000-8000-000000000000',
          state: { type: 'COMPLETED' },
        }),
      (c) => c.flowRuns.delete.mutate({ id: '0193e7f0-0000-7000-8000-000000000000' }),
    ];
    for (const call of calls) {
      const [a, b] = [await outcome(call(lean)), await outcome(call(linked))];
      expect(a).toEqual(b);
      expect(a.error?.class).toBe('TRPCClientError');
    }
  });

  it('sends the API key and headers, and reports answers that are not tRPC as the links do', async () => {
    const received: IncomingHttpHeaders[] = [];
    const answers: Array<[number, string, string]> = [
      [502, 'text/html', '<html><h1>502 Bad Gateway</h1></html>'],
      [401, 'application/json', '{"error":{"code":"UNAUTHORIZED"}}'],
      [200, 'application/json', 'not json'],
      [200, 'application/json', '{"neither":true}'],
      [
        500,
        'application/json',
        '{"error":{"json":{"message":"boom","code":-32603,"data":{"code":"INTERNAL_SERVER_ERROR"}}}}',
      ],
    ];
    let next = 0;
    const proxy = await listen((req, res) => {
      received.push(req.headers);
      const [status, type, body] = answers[Math.floor(next++ / 2)]!;
      res.writeHead(status, { 'content-type': type }).end(body);
    });
    try {
      const options = { url: proxy.url, apiKey: 'k1', headers: { 'X-Weft-Test': 'yes' } };
      const leanClient = createWeftClient(options);
      const linkedClient = createWeftClient({ ...options, fetch: createNodeHttpFetch() });
      for (const _ of answers) {
        const a = await outcome(leanClient.flows.create.mutate({ name: 'x' }));
        const b = await outcome(linkedClient.flows.create.mutate({ name: 'x' }));
        expect(a).toEqual(b);
        expect(a.error).toBeDefined();
      }
      for (const headers of received) {
        expect(headers).toMatchObject({
          authorization: 'Bearer k1',
          'x-weft-test': 'yes',
          'content-type': 'application/json',
        });
      }
    } finally {
      proxy.close();
    }
  });

  it('reports an unreachable server as the links do', async () => {
    const gone = await listen(() => {});
    gone.close();
    const a = await outcome(createWeftClient({ url: gone.url }).flows.create.mutate({ name: 'x' }));
    const b = await outcome(
      createWeftClient({ url: gone.url, fetch: createNodeHttpFetch() }).flows.create.mutate({ name: 'x' }),
    );
    expect(a).toEqual(b);
    expect(a.error).toMatchObject({ class: 'WeftClientError', reason: 'UNREACHABLE' });
  });
});
