import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCClientError } from '@trpc/client';
import type { FlowRun } from '@weft/schemas';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeftClient, type WeftClient } from './create-weft-client';
import { WeftClientError } from './errors';

let server: TestServer;
let url: string;
let client: WeftClient;

beforeAll(async () => {
  server = await createTestServer({ listen: true });
  url = server.url!;
  client = createWeftClient({ url });
});
afterAll(async () => {
  await server?.close();
});

async function newRun(name = `flow-${crypto.randomUUID().slice(0, 8)}`): Promise<FlowRun> {
  const flow = await client.flows.create.mutate({ name });
  return client.flowRuns.create.mutate({ flowId: flow.id });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('createWeftClient over HTTP', () => {
  it('answers a query', async () => {
    const version = await client.admin.version.query();
    expect(version).toEqual({ version: expect.any(String), apiVersion: expect.any(String) });
  });

  it('runs a mutation and reads the result back', async () => {
    const flow = await client.flows.create.mutate({ name: 'client-mutation', tags: ['a'] });
    expect(await client.flows.readByName.query({ name: 'client-mutation' })).toMatchObject({
      id: flow.id,
      tags: ['a'],
    });
  });

  it('sends and returns dates as Date', async () => {
    const scheduledTime = new Date('2030-01-02T03:04:05.678Z');
    const flow = await client.flows.create.mutate({ name: 'client-dates' });
    const run = await client.flowRuns.create.mutate({
      flowId: flow.id,
      state: { type: 'SCHEDULED', stateDetails: { scheduledTime } },
    });
    expect(run.createdAt).toBeInstanceOf(Date);
    const read = await client.flowRuns.read.query({ id: run.id });
    expect(read.expectedStartTime).toEqual(scheduledTime);
    const found = await client.flowRuns.list.query({
      filter: { id: { any: [run.id] }, expectedStartTime: { after: new Date('2029-12-31T00:00:00Z') } },
    });
    expect(found.map((r) => r.id)).toEqual([run.id]);
  });

  it('reports a bad input as BAD_REQUEST naming the field', async () => {
    const error = await rejection(client.flowRuns.create.mutate({ flowId: 'not-a-uuid' }));
    expect(error).toBeInstanceOf(TRPCClientError);
    const { data, message } = error as { data: { code: string; weftCode: string }; message: string };
    expect(data.code).toBe('BAD_REQUEST');
    expect(data.weftCode).toBe('VALIDATION');
    expect(message).toMatch(/flowId/);
  });

  it('reports a missing run as NOT_FOUND with its weftCode', async () => {
    const error = await rejection(client.flowRuns.read.query({ id: '0193e7f0-0000-7000-8000-000000000000' }));
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as { data: unknown }).data).toMatchObject({ code: 'NOT_FOUND', weftCode: 'NOT_FOUND' });
  });

  it('splits a batch whose URL would be too long for the server', async () => {
    const ids = Array.from({ length: 60 }, () => crypto.randomUUID());
    const queries = Array.from({ length: 10 }, () =>
      client.flowRuns.list.query({ filter: { id: { any: ids } } }),
    );
    await expect(Promise.all(queries)).resolves.toEqual(Array.from({ length: 10 }, () => []));
  });

  it('sends a lone mutation at once on its own request, not in a batch', async () => {
    const requests: string[] = [];
    const tracingFetch: typeof fetch = (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input instanceof Request ? input.url : input)}`);
      return fetch(input, init);
    };
    const traced = createWeftClient({ url, fetch: tracingFetch });
    const [a, b] = await Promise.all([
      traced.flows.create.mutate({ name: 'client-lone-a' }),
      traced.flows.create.mutate({ name: 'client-lone-b' }),
    ]);
    expect([a.name, b.name]).toEqual(['client-lone-a', 'client-lone-b']);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request).toMatch(/^POST .*\/api\/flows\.create$/);
      expect(request).not.toContain('batch=1');
    }
  });

  it('still batches queries made together', async () => {
    const requests: string[] = [];
    const tracingFetch: typeof fetch = (input, init) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const traced = createWeftClient({ url, fetch: tracingFetch });
    await Promise.all([traced.flows.count.query({}), traced.admin.version.query()]);
    expect(requests).toEqual([expect.stringContaining('batch=1')]);
  });

  it('accepts the url with or without /api and a trailing slash', async () => {
    for (const variant of [`${url}/`, `${url}/api`, `${url}/api/`]) {
      await expect(createWeftClient({ url: variant }).flows.count.query({})).resolves.toEqual(
        expect.any(Number),
      );
    }
  });

  it('streams state changes over SSE', async () => {
    const run = await newRun();
    const seen: FlowRun[] = [];
    let notify: () => void = () => {};
    const subscription = client.flowRuns.watch.subscribe(
      { id: run.id },
      {
        onData: (value) => {
          seen.push(value);
          notify();
        },
      },
    );
    const waitFor = (predicate: () => boolean) =>
      new Promise<void>((resolve) => {
        notify = () => predicate() && resolve();
        notify();
      });
    try {
      await waitFor(() => seen.length >= 1);
      expect(seen[0]?.id).toBe(run.id);
      await client.flowRuns.setState.mutate({ id: run.id, state: { type: 'RUNNING' } });
      await waitFor(() => seen.some((r) => r.stateType === 'RUNNING'));
      const running = seen.find((r) => r.stateType === 'RUNNING');
      expect(running?.startTime).toBeInstanceOf(Date);
    } finally {
      subscription.unsubscribe();
    }
  });
});

describe('transport failures', () => {
  it('turns connection refused into WeftClientError with what to do', async () => {
    const closed = await freePort();
    const url = `http://127.0.0.1:${closed}`;
    const error = await rejection(createWeftClient({ url }).flows.count.query({}));
    expect(error).toBeInstanceOf(WeftClientError);
    expect(error).toMatchObject({
      code: 'CLIENT',
      reason: 'UNREACHABLE',
      status: undefined,
      url: `${url}/api`,
    });
    expect((error as Error).message).toBe(
      `Could not reach the Weft server at ${url}/api (ECONNREFUSED): is it running? ` +
        'Start it with `weft server start` or set WEFT_API_URL.',
    );
  });

  it('turns an HTTP answer that is not tRPC into WeftClientError with the status', async () => {
    const received: Record<string, unknown>[] = [];
    const proxy = await listen(
      createHttpServer((req, res) => {
        received.push(req.headers);
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html><h1>502 Bad Gateway</h1></html>');
      }),
    );
    try {
      const options = { url: proxy.url, apiKey: 'k1', headers: { 'x-weft-test': 'yes' } };
      const error = await rejection(createWeftClient(options).flows.count.query({}));
      expect(error).toBeInstanceOf(WeftClientError);
      expect(error).toMatchObject({ reason: 'HTTP_ERROR', status: 502 });
      expect((error as Error).message).toMatch(/HTTP 502.*502 Bad Gateway/);
      expect(received[0]).toMatchObject({ authorization: 'Bearer k1', 'x-weft-test': 'yes' });
    } finally {
      proxy.server.close();
    }
  });

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const tracingFetch: typeof fetch = (input, init) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    await createWeftClient({ url, fetch: tracingFetch }).flows.count.query({});
    expect(calls).toEqual([expect.stringContaining(`${url}/api/flows.count`)]);
  });
});

async function listen(server: Server): Promise<{ server: Server; url: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function freePort(): Promise<number> {
  const { server, url } = await listen(createHttpServer());
  await new Promise((resolve) => server.close(resolve));
  return Number(new URL(url).port);
}
