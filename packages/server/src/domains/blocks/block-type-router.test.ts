import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';
import { blockSchemaChecksum } from './block-checksum';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock();

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

const slackFields = {
  type: 'object',
  properties: { url: { type: 'string' }, channel: { type: 'string' } },
  required: ['url'],
};

describe('block types', () => {
  it('has the built-in types, protected, registered once however often the server starts', async () => {
    const slugs = (await api.blockTypes.list({})).map((type) => type.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(['secret', 'json', 'string', 'date-time', 'webhook', 'local-file-system']),
    );
    const secret = await api.blockTypes.readBySlug({ slug: 'secret' });
    expect(secret).toMatchObject({ name: 'Secret', isProtected: true });
    await expect(api.blockTypes.delete({ id: secret.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'id: protected block types cannot be deleted',
    });
    await expect(api.blockTypes.upsert({ slug: 'secret', name: 'Mine' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^slug: block type secret is built in/),
    });
    const { registerBuiltinBlockTypes } = await import('./builtin-block-types');
    await registerBuiltinBlockTypes(t.resources);
    expect(await api.blockSchemas.list({ blockTypeSlug: 'secret' })).toHaveLength(1);
  });

  it('upserts by slug, reads by id and slug, deletes', async () => {
    const created = await api.blockTypes.upsert({ slug: 'my-kind', name: 'My Kind', description: 'first' });
    const again = await api.blockTypes.upsert({ slug: 'my-kind', name: 'My Kind 2' });
    expect(again.id).toBe(created.id);
    expect(again).toMatchObject({ name: 'My Kind 2', description: 'first', isProtected: false });
    expect(await api.blockTypes.read({ id: created.id })).toEqual(again);
    expect(await api.blockTypes.delete({ id: created.id })).toEqual({ id: created.id });
    await expect(api.blockTypes.read({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.blockTypes.readBySlug({ slug: 'my-kind' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.blockTypes.delete({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses bad slugs and names, naming the field', async () => {
    await expect(api.blockTypes.upsert({ slug: 'Bad Slug', name: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('slug'),
    });
    await expect(api.blockTypes.upsert({ slug: 'ok', name: '' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('name'),
    });
  });

  it('registers a plugin spec: type and schema together, idempotent by checksum', async () => {
    const spec = {
      slug: 'slack-webhook',
      name: 'Slack Webhook',
      capabilities: ['notify'],
      secretFields: ['url'],
      schema: slackFields,
    };
    const first = await api.blockTypes.register(spec);
    expect(first.blockSchema).toMatchObject({
      blockTypeId: first.blockType.id,
      blockTypeSlug: 'slack-webhook',
      checksum: blockSchemaChecksum(slackFields),
      version: 'non-versioned',
      capabilities: ['notify'],
      secretFields: ['url'],
      fields: slackFields,
    });
    const second = await api.blockTypes.register({ ...spec, description: 'Posts to Slack' });
    expect(second.blockSchema.id).toBe(first.blockSchema.id);
    expect(second.blockType.description).toBe('Posts to Slack');
    // Key order does not change the checksum; a new field does.
    const reordered = { required: ['url'], properties: slackFields.properties, type: 'object' };
    expect(blockSchemaChecksum(reordered)).toBe(first.blockSchema.checksum);
    const v2Fields = { ...slackFields, properties: { ...slackFields.properties, emoji: { type: 'string' } } };
    clock.advance(60);
    const v2 = await api.blockTypes.register({
      ...spec,
      schema: v2Fields,
      checksum: 'sha256:v2',
      version: '2.0.0',
    });
    expect(v2.blockSchema).toMatchObject({ checksum: 'sha256:v2', version: '2.0.0' });
    expect(v2.blockSchema.id).not.toBe(first.blockSchema.id);
    const schemas = await api.blockSchemas.list({ blockTypeSlug: 'slack-webhook' });
    expect(schemas.map((s) => s.id)).toEqual([v2.blockSchema.id, first.blockSchema.id]);
  });

  it('filters types and schemas by capability', async () => {
    const notifiers = (await api.blockTypes.list({ capabilities: ['notify'] })).map((type) => type.slug);
    expect(notifiers.sort()).toEqual(['slack-webhook', 'webhook']);
    const storages = await api.blockTypes.list({ capabilities: ['read-path', 'write-path'] });
    expect(storages.map((type) => type.slug)).toEqual(['local-file-system']);
    expect(await api.blockTypes.list({ capabilities: ['notify', 'read-path'] })).toEqual([]);
    const schemas = await api.blockSchemas.list({ capabilities: ['notify'] });
    expect(new Set(schemas.map((s) => s.blockTypeSlug))).toEqual(new Set(['slack-webhook', 'webhook']));
  });

  it('creates schemas idempotently by checksum, refuses bad ones, reads them', async () => {
    const type = await api.blockTypes.upsert({ slug: 'kv', name: 'KV' });
    const fields = { type: 'object', properties: { key: { type: 'string' } } };
    const a = await api.blockSchemas.create({ blockTypeSlug: 'kv', fields });
    const b = await api.blockSchemas.create({ blockTypeSlug: 'kv', fields });
    expect(b.id).toBe(a.id);
    expect(await api.blockSchemas.read({ id: a.id })).toEqual(a);
    expect(a.blockTypeId).toBe(type.id);
    await expect(api.blockSchemas.create({ blockTypeSlug: 'nope', fields })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.blockSchemas.create({ blockTypeSlug: 'kv', fields, secretFields: ['password'] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^secretFields\.0: /) });
    await expect(
      api.blockSchemas.create({ blockTypeSlug: 'kv', fields: { type: 'no-such-type' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^fields: is not a valid JSON Schema/),
    });
    expect(await api.blockSchemas.list({ blockTypeSlug: 'kv' })).toHaveLength(1);
  });
});
