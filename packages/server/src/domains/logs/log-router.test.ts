import { uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const flowRunId = uuid7();
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

beforeAll(async () => {
  t = await createTestServer();
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

describe('logs', () => {
  it('records a batch in one call and lists it by flow run, level, time and text', async () => {
    const taskRunId = uuid7();
    const result = await api.logs.create([
      { name: 'weft.flow', level: 20, message: 'hello world', timestamp: at(1), flowRunId },
      { name: 'weft.task', level: 40, message: 'Boom happened', timestamp: at(2), flowRunId, taskRunId },
      { name: 'weft.flow', level: 10, message: 'debug', timestamp: at(3), flowRunId },
      { name: 'other', level: 20, message: 'elsewhere', timestamp: at(1), flowRunId: uuid7() },
    ]);
    expect(result).toEqual({ count: 4 });
    const messages = async (input: Parameters<typeof api.logs.list>[0]) =>
      (await api.logs.list(input)).map((log) => log.message);
    expect(await messages({ filter: { flowRunId: { any: [flowRunId] } } })).toEqual([
      'hello world',
      'Boom happened',
      'debug',
    ]);
    expect(
      await messages({ filter: { flowRunId: { any: [flowRunId] } }, sort: 'TIMESTAMP_DESC', limit: 1 }),
    ).toEqual(['debug']);
    expect(await messages({ filter: { level: { ge: 30 } } })).toEqual(['Boom happened']);
    expect(await messages({ filter: { taskRunId: { any: [taskRunId] } } })).toEqual(['Boom happened']);
    expect(
      await messages({ filter: { flowRunId: { any: [flowRunId] }, timestamp: { after: at(2) } } }),
    ).toEqual(['Boom happened', 'debug']);
    expect(await messages({ filter: { text: 'BOOM' } })).toEqual(['Boom happened']);
    const [first] = await api.logs.list({ filter: { text: 'hello' } });
    expect(first).toMatchObject({
      name: 'weft.flow',
      level: 20,
      timestamp: at(1),
      flowRunId,
      taskRunId: null,
    });
  });

  it('writes nothing from a batch with one invalid log, naming its path', async () => {
    const runId = uuid7();
    await expect(
      api.logs.create([
        { name: 'ok', level: 20, message: 'fine', timestamp: at(1), flowRunId: runId },
        { name: 'bad', level: 500, message: 'level too high', timestamp: at(1), flowRunId: runId },
      ]),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^1\.level: /) });
    expect(await api.logs.list({ filter: { flowRunId: { any: [runId] } } })).toEqual([]);
  });

  it('skips a log id that is already stored (a retried batch)', async () => {
    const log = { id: uuid7(), name: 'n', level: 20, message: 'once', timestamp: at(5), flowRunId };
    await api.logs.create([log]);
    expect(await api.logs.create([log])).toEqual({ count: 0 });
    // Half retried: only the new log is counted, and only it is announced to watchers.
    const announced: string[] = [];
    const off = t.resources.events.on('logsCreated', ({ logs }) => {
      announced.push(...logs.map((l) => l.message));
    });
    const next = { ...log, id: uuid7(), message: 'new' };
    try {
      expect(await api.logs.create([log, next])).toEqual({ count: 1 });
    } finally {
      off();
    }
    expect(announced).toEqual(['new']);
  });

  it('keeps a message with a NUL character, replaced', async () => {
    const runId = uuid7();
    await api.logs.create([
      { name: 'nul', level: 20, message: 'a\u0000b', timestamp: at(1), flowRunId: runId },
    ]);
    const [log] = await api.logs.list({ filter: { flowRunId: { any: [runId] } } });
    expect(log?.message).toBe('a\uFFFDb');
  });
});
