import { TRPCClientError } from '@trpc/client';
import type { FlowRun } from '@weft/schemas';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeftClient, type WeftClient } from './create-weft-client';

let server: TestServer;
let client: WeftClient;

beforeAll(async () => {
  server = await createTestServer();
  client = createWeftClient({ server: server.server });
});
afterAll(async () => {
  await server?.close();
});

describe('createWeftClient in-process ({ server })', () => {
  it('runs queries and mutations without HTTP, with dates as Date', async () => {
    const flow = await client.flows.create.mutate({ name: 'in-process' });
    const run = await client.flowRuns.create.mutate({ flowId: flow.id });
    const read = await client.flowRuns.read.query({ id: run.id });
    expect(read).toMatchObject({ id: run.id, flowName: 'in-process', stateType: 'PENDING' });
    expect(read.createdAt).toBeInstanceOf(Date);
    expect(await client.flowRuns.count.query({ filter: { flowId: { any: [flow.id] } } })).toBe(1);
  });

  it('keeps the tRPC code and weftCode of server errors', async () => {
    const error = await client.flowRuns.read.query({ id: '0193e7f0-0000-7000-8000-000000000000' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as { data: unknown }).data).toMatchObject({ code: 'NOT_FOUND', weftCode: 'NOT_FOUND' });
  });

  it('answers a bad input of a mutation with BAD_REQUEST naming the field', async () => {
    const error = await client.flows.create.mutate({ name: '' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as { data: unknown }).data).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as Error).message).toContain('name');
  });

  it("calls the server's direct form of a flow run's create and setState, errors included", async () => {
    const asked: string[] = [];
    const direct = createWeftClient({
      server: {
        router: server.server.router,
        createContext: server.server.createContext,
        directCall: (path) => {
          asked.push(path);
          return server.server.directCall(path);
        },
      },
    });
    const flow = await direct.flows.create.mutate({ name: 'direct' });
    const run = await direct.flowRuns.create.mutate({ flowId: flow.id, state: { type: 'RUNNING' } });
    expect(run.startTime).toBeInstanceOf(Date);
    const result = await direct.flowRuns.setState.mutate({ id: run.id, state: { type: 'COMPLETED' } });
    expect(result.status).toBe('ACCEPT');
    const error = await direct.flowRuns.create.mutate({ flowId: 'not-a-uuid' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as { data: unknown }).data).toMatchObject({ code: 'BAD_REQUEST', weftCode: 'VALIDATION' });
    expect((error as Error).message).toContain('flowId');
    expect(asked).toEqual(['flows.create', 'flowRuns.create', 'flowRuns.setState', 'flowRuns.create']);
  });

  it("takes a call with a signal through tRPC's local link", async () => {
    const flow = await client.flows.create.mutate(
      { name: 'with a signal' },
      { signal: new AbortController().signal },
    );
    expect(flow.name).toBe('with a signal');
  });

  it('delivers subscriptions', async () => {
    const flow = await client.flows.create.mutate({ name: 'in-process-watch' });
    const run = await client.flowRuns.create.mutate({ flowId: flow.id });
    const seen: FlowRun[] = [];
    const running = new Promise<FlowRun>((resolve) => {
      const subscription = client.flowRuns.watch.subscribe(
        { id: run.id },
        {
          onData: (value) => {
            seen.push(value);
            if (seen.length === 1) {
              void client.flowRuns.setState.mutate({ id: run.id, state: { type: 'RUNNING' } });
            }
            if (value.stateType === 'RUNNING') {
              subscription.unsubscribe();
              resolve(value);
            }
          },
        },
      );
    });
    expect((await running).startTime).toBeInstanceOf(Date);
    expect(seen[0]?.id).toBe(run.id);
  });
});
