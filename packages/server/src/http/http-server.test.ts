import { uuid7, wireTransformer } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../router';
import { createTestServer, type TestServer } from '../testing/create-test-server';

let t: TestServer;
let url: string;

beforeAll(async () => {
  t = await createTestServer({ listen: true, apiKey: 'sekret' });
  url = t.url!;
});
afterAll(() => t.close());

const auth = { Authorization: 'Bearer sekret' };
const input = (value: unknown) => encodeURIComponent(JSON.stringify(wireTransformer.serialize(value)));

async function mutate(path: string, body: unknown) {
  const response = await fetch(`${url}/api/${path}`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(wireTransformer.serialize(body)),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Read SSE `data:` payloads until `count` have arrived. */
async function readEvents(response: Response, count: number): Promise<any[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: any[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('\n');
      const isMessage = !/^event: /m.test(block);
      if (data && isMessage) events.push(wireTransformer.deserialize(JSON.parse(data)));
    }
  }
  await reader.cancel();
  return events;
}

describe('http', () => {
  it('answers /health and /version without a key', async () => {
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/version`)).json()).toMatchObject({ apiVersion: expect.any(String) });
  });

  it('answers 401 on /api without the bearer key', async () => {
    expect((await fetch(`${url}/api/admin.version`)).status).toBe(401);
    const wrong = await fetch(`${url}/api/admin.version`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${url}/api/admin.version`, { headers: auth });
    expect(right.status).toBe(200);
  });

  it('serves mutations and queries with dates', async () => {
    const flow = await mutate('flows.create', { name: 'over-http' });
    expect(flow.status).toBe(200);
    const created = wireTransformer.deserialize<{ createdAt: Date }>(flow.body.result.data);
    expect(created.createdAt).toBeInstanceOf(Date);
  });

  it('answers 400 with the field and weftCode for a bad input, 404 for a missing run', async () => {
    const bad = await mutate('flowRuns.create', { flowId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      message: 'flowId: Invalid UUID',
      data: { weftCode: 'VALIDATION' },
    });
    const missing = await fetch(`${url}/api/flowRuns.read?input=${input({ id: uuid7() })}`, {
      headers: auth,
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.data).toMatchObject({
      code: 'NOT_FOUND',
      weftCode: 'NOT_FOUND',
    });
  });

  it("answers a mutation with the tRPC adapter's status and bytes, success and errors alike", async () => {
    // A query string sends the same request through tRPC's adapter instead of the direct handler.
    const post = async (path: string, body: string) => {
      const response = await fetch(`${url}/api/${path}`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body,
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: await response.text(),
      };
    };
    const cases: Array<[string, string]> = [
      ['flows.create', JSON.stringify({ name: 'same either way' })],
      ['flows.create', JSON.stringify({ name: '' })],
      ['flowRuns.create', JSON.stringify({ flowId: 'nope' })],
      ['flowRuns.create', JSON.stringify({ flowId: uuid7() })],
      ['flowRuns.create', '{"flowId":'],
      ['flowRuns.setState', JSON.stringify({ id: uuid7(), state: { type: 'COMPLETED' } })],
      ['flowRuns.setState', JSON.stringify({ id: 'x', state: {} })],
      ['flowRuns.delete', JSON.stringify({ id: uuid7() })],
      ['flows.create', '{"name":'],
      ['flows.create', ''],
      ['flowRuns.read', JSON.stringify({ id: uuid7() })],
    ];
    for (const [path, sent] of cases) {
      const direct = await post(path, sent);
      const adapter = await post(`${path}?via=adapter`, sent);
      expect({ path, sent, ...direct }).toEqual({ path, sent, ...adapter });
    }
    expect((await post('flowRuns.delete', JSON.stringify({ id: uuid7() }))).status).toBe(404);
  });

  it('streams a flow run over SSE: now, then after a state change', async () => {
    const api = appRouter.createCaller(await t.server.createContext());
    const flow = await api.flows.create({ name: 'watched' });
    const run = await api.flowRuns.create({ flowId: flow.id });
    const response = await fetch(`${url}/api/flowRuns.watch?input=${input({ id: run.id })}`, {
      headers: { ...auth, Accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = readEvents(response, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await api.flowRuns.setState({ id: run.id, state: { type: 'RUNNING' } });
    const [first, second] = await events;
    expect(first).toMatchObject({ id: run.id, stateType: 'PENDING' });
    expect(second).toMatchObject({ id: run.id, stateType: 'RUNNING' });
    expect(second.startTime).toBeInstanceOf(Date);
  });

  it('streams new logs of a flow run over SSE', async () => {
    const api = appRouter.createCaller(await t.server.createContext());
    const flowRunId = uuid7();
    const response = await fetch(`${url}/api/logs.watch?input=${input({ flowRunId })}`, { headers: auth });
    const events = readEvents(response, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await api.logs.create([
      { name: 'x', level: 20, message: 'other run', timestamp: new Date(), flowRunId: uuid7() },
      { name: 'x', level: 20, message: 'mine', timestamp: new Date(), flowRunId },
    ]);
    expect((await events).map((log) => log.message)).toEqual(['mine']);
  });

  it('answers 500 without details for an unexpected error and logs its cause', async () => {
    const logged: Array<{ message: string; details?: Record<string, unknown> }> = [];
    const broken = await createTestServer({
      listen: true,
      logger: { warn() {}, error: (message, details) => logged.push({ message, details }) },
    });
    await broken.resources.db.destroy();
    const response = await fetch(`${broken.url}/api/flows.list?input=${input({})}`);
    expect(response.status).toBe(500);
    const body = (await response.json()) as any;
    expect(body.error.message).toBe('Internal server error');
    expect(body.error.data).not.toHaveProperty('stack');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toContain('flows.list');
    expect(logged[0]!.details?.cause).toBeInstanceOf(Error);
    // A mutation (the direct handler) alike.
    const mutation = await fetch(`${broken.url}/api/flows.create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'broken' }),
    });
    expect(mutation.status).toBe(500);
    expect(((await mutation.json()) as any).error.message).toBe('Internal server error');
    expect(logged).toHaveLength(2);
    expect(logged[1]!.message).toContain('flows.create');
    await broken.close().catch(() => {
      // The pool is already destroyed; closing it again may complain.
    });
  });
});
