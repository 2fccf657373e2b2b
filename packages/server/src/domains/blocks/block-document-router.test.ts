import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerLogger } from '../../logger';
import { appRouter } from '../../router';
import { createSecretBox } from '../../secrets/secret-box';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock();
const logLines: string[] = [];
const capturingLogger: ServerLogger = {
  warn: (message, details) => logLines.push(`WARN ${message} ${JSON.stringify(details ?? {})}`),
  error: (message, details) => logLines.push(`ERROR ${message} ${JSON.stringify(details ?? {}, errorJson)}`),
};
function errorJson(_key: string, value: unknown) {
  return value instanceof Error ? { message: value.message, stack: value.stack, cause: value.cause } : value;
}

const WEBHOOK_URL = `https://hooks.example.com/services/${randomBytes(8).toString('hex')}`;
const TOKEN = `tok-${randomBytes(8).toString('hex')}`;

beforeAll(async () => {
  t = await createTestServer({ clock, logger: capturingLogger });
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

/** Every column of every block document row, as text. */
async function storedRows(): Promise<string> {
  const rows = await sql`select * from block_document`.execute(t.resources.db);
  return JSON.stringify(rows.rows);
}
async function documentCount(): Promise<number> {
  return Number(
    (await sql<{ n: number }>`select count(*)::int as n from block_document`.execute(t.resources.db)).rows[0]
      ?.n,
  );
}

describe('block documents and their secrets', () => {
  it('masks secrets in every read, keeps them out of the log and the row, and returns them on request', async () => {
    const created = await api.blockDocuments.create({
      name: 'alerts',
      blockTypeSlug: 'webhook',
      data: { url: WEBHOOK_URL, method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } },
    });
    expect(created.data).toEqual({ url: '********', method: 'POST', headers: '********' });
    const reads = [
      await api.blockDocuments.read({ id: created.id }),
      await api.blockDocuments.readByName({ name: 'webhook/alerts' }),
      ...(await api.blockDocuments.list({ blockTypeSlugs: ['webhook'] })),
    ];
    expect(reads).toHaveLength(3);
    for (const read of reads) {
      expect(read).toMatchObject({
        id: created.id,
        name: 'alerts',
        blockTypeSlug: 'webhook',
        blockTypeName: 'Webhook',
      });
      expect(read.data).toEqual({ url: '********', method: 'POST', headers: '********' });
    }
    const everything = JSON.stringify(reads) + JSON.stringify(created);
    expect(everything).not.toContain(WEBHOOK_URL);
    expect(everything).not.toContain(TOKEN);
    const row = await storedRows();
    expect(row).not.toContain(WEBHOOK_URL);
    expect(row).not.toContain(TOKEN);
    expect(row).toContain('v1:');

    const full = await api.blockDocuments.readByName({ name: 'webhook/alerts', includeSecrets: true });
    expect(full.data).toEqual({
      url: WEBHOOK_URL,
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect((await api.blockDocuments.read({ id: created.id, includeSecrets: true })).data).toEqual(full.data);
    expect(logLines.join('\n')).not.toContain(WEBHOOK_URL);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('answers BAD_REQUEST naming the field for data that does not fit the schema, and writes nothing', async () => {
    const before = await storedRows();
    await expect(
      api.blockDocuments.create({ name: 'bad', blockTypeSlug: 'webhook', data: { method: 'POST' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'data.url: is required' });
    await expect(
      api.blockDocuments.create({
        name: 'bad',
        blockTypeSlug: 'webhook',
        data: { url: WEBHOOK_URL, method: 'YELL' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^data\.method: /) });
    await expect(
      api.blockDocuments.create({ name: 'bad', blockTypeSlug: 'webhook', data: { url: 'not a url' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^data\.url: must match format "uri"/),
    });
    await expect(
      api.blockDocuments.create({ name: 'Bad Name', blockTypeSlug: 'string', data: { value: 'x' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('name') });
    await expect(
      api.blockDocuments.create({ blockTypeSlug: 'string', data: { value: 'x' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('name is required unless isAnonymous'),
    });
    const alerts = await api.blockDocuments.readByName({ name: 'webhook/alerts' });
    await expect(
      api.blockDocuments.update({ id: alerts.id, data: { method: 'YELL' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^data\.method: /),
    });
    expect(await storedRows()).toBe(before);
    expect(logLines.join('\n')).not.toContain(WEBHOOK_URL);
  });

  it('answers CONFLICT for a duplicate name within a type, allows it in another type', async () => {
    await api.blockDocuments.create({ name: 'greeting', blockTypeSlug: 'string', data: { value: 'hello' } });
    const count = await documentCount();
    await expect(
      api.blockDocuments.create({ name: 'greeting', blockTypeSlug: 'string', data: { value: 'again' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'Block document string/greeting already exists' });
    expect(await documentCount()).toBe(count);
    const json = await api.blockDocuments.create({
      name: 'greeting',
      blockTypeSlug: 'json',
      data: { value: [1, { a: 2 }] },
    });
    expect(json.data).toEqual({ value: [1, { a: 2 }] });
    await expect(
      api.blockDocuments.create({ name: 'x', blockTypeSlug: 'no-such-type', data: {} }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('updates by merging, keeping secrets unless given, or replaces', async () => {
    const { id } = await api.blockDocuments.readByName({ name: 'webhook/alerts' });
    const merged = await api.blockDocuments.update({ id, data: { method: 'PUT', url: '********' } });
    expect(merged.data).toEqual({ url: '********', method: 'PUT', headers: '********' });
    let full = await api.blockDocuments.read({ id, includeSecrets: true });
    expect(full.data).toEqual({
      url: WEBHOOK_URL,
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    await api.blockDocuments.update({
      id,
      data: { url: 'https://new.example.com/hook' },
      mergeExistingData: false,
    });
    full = await api.blockDocuments.read({ id, includeSecrets: true });
    // Replaced: `method` is gone; the secret headers were not given, so they stay.
    expect(full.data).toEqual({
      url: 'https://new.example.com/hook',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    await expect(
      api.blockDocuments.update({ id: '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f80', data: {} }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates anonymous documents with generated names, hidden from lists unless asked', async () => {
    const anonymous = await api.blockDocuments.create({
      blockTypeSlug: 'secret',
      data: { value: 's' },
      isAnonymous: true,
    });
    expect(anonymous.name).toMatch(/^anonymous-/);
    expect(anonymous.isAnonymous).toBe(true);
    const listed = await api.blockDocuments.list({ blockTypeSlugs: ['secret'] });
    expect(listed.map((d) => d.id)).not.toContain(anonymous.id);
    const all = await api.blockDocuments.list({ blockTypeSlugs: ['secret'], includeAnonymous: true });
    expect(all.map((d) => d.id)).toContain(anonymous.id);
  });

  it('resolves nested block references on read, masked unless includeSecrets, and guards deletes', async () => {
    await api.blockTypes.register({
      slug: 'notifier',
      name: 'Notifier',
      capabilities: ['notify'],
      secretFields: [],
      schema: {
        type: 'object',
        properties: {
          channel: { type: 'string' },
          hook: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
        },
        required: ['channel', 'hook'],
      },
    });
    const hook = await api.blockDocuments.readByName({ name: 'webhook/alerts' });
    const parent = await api.blockDocuments.create({
      name: 'ops',
      blockTypeSlug: 'notifier',
      data: { channel: '#ops', hook: { $ref: { blockDocumentId: hook.id } } },
    });
    expect(parent.references).toEqual({ hook: hook.id });
    expect(parent.data).toEqual({ channel: '#ops', hook: { url: '********', headers: '********' } });
    const full = await api.blockDocuments.read({ id: parent.id, includeSecrets: true });
    expect(full.data.hook).toEqual({
      url: 'https://new.example.com/hook',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(JSON.stringify(await api.blockDocuments.list({ capabilities: ['notify'] }))).not.toContain(TOKEN);

    await expect(
      api.blockDocuments.create({
        name: 'broken',
        blockTypeSlug: 'notifier',
        data: { channel: '#x', hook: { $ref: { blockDocumentId: '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f80' } } },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^data\.hook: block document .* not found/),
    });
    await expect(api.blockDocuments.delete({ id: hook.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('notifier/ops'),
    });
    expect(await api.blockDocuments.delete({ id: parent.id })).toEqual({ id: parent.id });
    await expect(api.blockDocuments.read({ id: parent.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await api.blockDocuments.delete({ id: hook.id })).toEqual({ id: hook.id });
  });

  it('gives a clear error, without the secret, when the stored secrets were encrypted with another key', async () => {
    const created = await api.blockDocuments.create({
      name: 'api-key',
      blockTypeSlug: 'secret',
      data: { value: TOKEN },
    });
    const otherKey = createSecretBox({ key: randomBytes(32) }).encrypt({ value: TOKEN });
    await t.resources.db
      .updateTable('block_document')
      .set({ encrypted_secrets: otherKey })
      .where('id', '=', created.id)
      .execute();
    // Masked reads need no key.
    expect((await api.blockDocuments.read({ id: created.id })).data).toEqual({ value: '********' });
    const error = await api.blockDocuments
      .read({ id: created.id, includeSecrets: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: expect.stringMatching(/encryption key .* is not the one they were encrypted with/),
    });
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});
