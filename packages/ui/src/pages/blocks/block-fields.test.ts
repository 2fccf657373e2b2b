import { SECRET_MASK } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import {
  blockFields,
  blockUpdateData,
  deletePath,
  editableData,
  editableSchema,
  getPath,
  type JsonSchema,
  schemaAt,
  schemaTypeName,
} from './block-fields';

const HOOK_ID = '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f80';

/** The built-in webhook block's shape: a secret url, secret headers (any JSON), a plain method. */
const WEBHOOK: JsonSchema = {
  type: 'object',
  properties: {
    url: { type: 'string', title: 'URL', description: 'Where to post' },
    method: { type: 'string', enum: ['GET', 'POST', 'PUT'], default: 'POST' },
    headers: { default: {} },
    timeout: { type: ['number', 'null'] },
  },
  required: ['url', 'method'],
};
const WEBHOOK_SECRETS = ['url', 'headers'];

/** A block with a nested secret (`auth.token`) and a nested block (`hook`). */
const SERVICE: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    region: { type: 'string' },
    auth: {
      type: 'object',
      properties: { user: { type: 'string' }, token: { type: 'string', default: 'changeme' } },
      required: ['user', 'token'],
    },
    hook: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
  },
  required: ['name', 'auth', 'hook'],
};
const SERVICE_SECRETS = ['auth.token'];

describe('schema helpers', () => {
  it('names a field schema`s type: a string, a union, an enum or any', () => {
    expect(schemaTypeName({ type: 'string' })).toBe('string');
    expect(schemaTypeName({ type: ['number', 'null'] })).toBe('number | null');
    expect(schemaTypeName({ enum: ['a', 'b'] })).toBe('enum');
    expect(schemaTypeName({})).toBe('any');
  });

  it('lists the top-level fields in schema order, with what the catalog shows of each', () => {
    const fields = blockFields(WEBHOOK, WEBHOOK_SECRETS);
    expect(fields.map((f) => f.name)).toEqual(['url', 'method', 'headers', 'timeout']);
    expect(fields[0]).toEqual({
      name: 'url',
      title: 'URL',
      type: 'string',
      required: true,
      secret: true,
      description: 'Where to post',
      enumValues: undefined,
      defaultValue: undefined,
    });
    expect(fields[1]).toMatchObject({
      title: 'method',
      required: true,
      secret: false,
      enumValues: ['GET', 'POST', 'PUT'],
    });
    expect(fields[1]!.defaultValue).toBe('POST');
    expect(fields[2]).toMatchObject({ type: 'any', required: false, secret: true, defaultValue: {} });
  });

  it('has no fields for a schema without properties', () => {
    expect(blockFields({ type: 'object' }, [])).toEqual([]);
    expect(blockFields({ type: 'object', properties: { bad: true } }, [])).toEqual([]);
  });

  it('finds the schema at a dotted path, with the object schema holding it', () => {
    const at = schemaAt(SERVICE, 'auth.token');
    expect(at?.key).toBe('token');
    expect(at?.field).toMatchObject({ type: 'string' });
    expect(at?.parent.required).toEqual(['user', 'token']);
    expect(schemaAt(SERVICE, 'auth.nope')).toBeUndefined();
    expect(schemaAt(SERVICE, 'nope.token')).toBeUndefined();
  });

  it('reads and deletes values at dotted paths, ignoring paths that are not there', () => {
    const data = { a: { b: 1, c: 2 }, d: 3 };
    expect(getPath(data, 'a.b')).toBe(1);
    expect(getPath(data, 'a.x.y')).toBeUndefined();
    expect(getPath(data, 'd.e')).toBeUndefined();
    deletePath(data, 'a.b');
    deletePath(data, 'x.y');
    deletePath(data, 'd.e');
    expect(data).toEqual({ a: { c: 2 }, d: 3 });
  });
});

describe('editableSchema', () => {
  it('makes secrets optional and drops their defaults, leaving the rest and the original alone', () => {
    const before = structuredClone(SERVICE);
    const edit = editableSchema(SERVICE, SERVICE_SECRETS);
    expect(schemaAt(edit, 'auth')?.field.required).toEqual(['user']);
    expect(schemaAt(edit, 'auth.token')?.field).toEqual({ type: 'string' });
    expect(edit.required).toEqual(['name', 'auth', 'hook']);
    expect(SERVICE).toEqual(before);
  });

  it('handles top-level secrets and secret paths the schema does not have', () => {
    const edit = editableSchema(WEBHOOK, [...WEBHOOK_SECRETS, 'missing.path']);
    expect(edit.required).toEqual(['method']);
    expect(schemaAt(edit, 'headers')?.field).toEqual({});
    expect(schemaAt(edit, 'method')?.field.default).toBe('POST');
  });
  it('leaves nested blocks out of the form: not required, not shown (it would ask for their fields)', () => {
    const edit = editableSchema(SERVICE, SERVICE_SECRETS, ['hook']);
    expect(Object.keys(edit.properties as object)).toEqual(['name', 'region', 'auth']);
    expect(edit.required).toEqual(['name', 'auth']);
    expect(schemaAt(edit, 'auth.token')?.field).toEqual({ type: 'string' });
    expect(Object.keys(SERVICE.properties as object)).toContain('hook');
  });
});

describe('editableData', () => {
  it('leaves out masked secrets and nested blocks, keeps the rest, and copies', () => {
    const data = {
      name: 'api',
      auth: { user: 'ann', token: SECRET_MASK },
      hook: { url: SECRET_MASK, headers: SECRET_MASK },
    };
    const before = structuredClone(data);
    expect(editableData(data, SERVICE_SECRETS, { hook: HOOK_ID })).toEqual({
      name: 'api',
      auth: { user: 'ann' },
    });
    expect(data).toEqual(before);
  });

  it('keeps a secret that is not masked (a value the server sent in the clear)', () => {
    expect(editableData({ url: 'https://x', method: 'GET' }, WEBHOOK_SECRETS, {})).toEqual({
      url: 'https://x',
      method: 'GET',
    });
  });
});

describe('blockUpdateData', () => {
  /** The webhook's edit form as it starts: the secrets are masked in the stored document. */
  const stored = { url: SECRET_MASK, method: 'POST', headers: SECRET_MASK, timeout: 5 };
  const initial = editableData(stored, WEBHOOK_SECRETS, {});

  it('sends nothing to merge when nothing changed and the secrets were left empty', () => {
    expect(initial).toEqual({ method: 'POST', timeout: 5 });
    for (const secret of [undefined, '', SECRET_MASK]) {
      const current = { ...initial, url: secret, headers: secret };
      expect(blockUpdateData(initial, current, WEBHOOK_SECRETS, {})).toEqual({
        data: {},
        mergeExistingData: true,
      });
    }
  });

  it('sends only the top-level fields that changed, merged into the stored data', () => {
    expect(blockUpdateData(initial, { ...initial, method: 'PUT' }, WEBHOOK_SECRETS, {})).toEqual({
      data: { method: 'PUT' },
      mergeExistingData: true,
    });
  });

  it('sends a secret the user typed, even one equal to nothing in the form before', () => {
    const headers = { Authorization: 'Bearer t' };
    expect(
      blockUpdateData(initial, { ...initial, url: 'https://new', headers }, WEBHOOK_SECRETS, {}),
    ).toEqual({
      data: { url: 'https://new', headers },
      mergeExistingData: true,
    });
  });

  it('replaces the whole data when a field was cleared, still without the untouched secrets', () => {
    const result = blockUpdateData(
      initial,
      { method: 'POST', timeout: undefined, url: '' },
      WEBHOOK_SECRETS,
      {},
    );
    expect(result).toEqual({ data: { method: 'POST' }, mergeExistingData: false });
  });

  it('replaces with the new secret when a field was cleared and a secret typed', () => {
    const result = blockUpdateData(
      initial,
      { method: 'GET', timeout: '', url: 'https://new' },
      WEBHOOK_SECRETS,
      {},
    );
    expect(result).toEqual({ data: { method: 'GET', url: 'https://new' }, mergeExistingData: false });
  });

  it('does not take a field that was empty before and still is for a cleared one', () => {
    const start = { method: 'POST' };
    expect(blockUpdateData(start, { method: 'POST', timeout: undefined }, WEBHOOK_SECRETS, {})).toEqual({
      data: {},
      mergeExistingData: true,
    });
  });

  it('sends a changed object whole, without its untouched nested secret (the server keeps it)', () => {
    const start = editableData(
      { name: 'api', auth: { user: 'ann', token: SECRET_MASK } },
      SERVICE_SECRETS,
      {},
    );
    expect(
      blockUpdateData(start, { name: 'api', auth: { user: 'bob', token: '' } }, SERVICE_SECRETS, {}),
    ).toEqual({ data: { auth: { user: 'bob' } }, mergeExistingData: true });
    expect(blockUpdateData(start, { name: 'api', auth: { user: 'ann' } }, SERVICE_SECRETS, {})).toEqual({
      data: {},
      mergeExistingData: true,
    });
    expect(
      blockUpdateData(start, { name: 'api', auth: { user: 'ann', token: 'new' } }, SERVICE_SECRETS, {}),
    ).toEqual({ data: { auth: { user: 'ann', token: 'new' } }, mergeExistingData: true });
  });

  it('leaves a nested block out of a merge: the stored reference stays', () => {
    const references = { hook: HOOK_ID };
    const start = editableData(
      { name: 'api', region: 'eu', hook: { url: SECRET_MASK } },
      SERVICE_SECRETS,
      references,
    );
    expect(blockUpdateData(start, { ...start, name: 'api2' }, SERVICE_SECRETS, references)).toEqual({
      data: { name: 'api2' },
      mergeExistingData: true,
    });
  });

  it('sends a nested block back as its $ref when the whole data is replaced', () => {
    const references = { hook: HOOK_ID };
    const start = editableData({ name: 'api', region: 'eu', hook: { url: SECRET_MASK } }, [], references);
    expect(blockUpdateData(start, { name: 'api', region: '' }, [], references)).toEqual({
      data: { name: 'api', hook: { $ref: { blockDocumentId: HOOK_ID } } },
      mergeExistingData: false,
    });
  });

  it('keeps a nested block inside a changed object: the merge replaces the object whole', () => {
    const references = { 'conn.hook': HOOK_ID };
    const start = editableData({ conn: { name: 'a', hook: { url: SECRET_MASK } } }, [], references);
    expect(start).toEqual({ conn: { name: 'a' } });
    expect(blockUpdateData(start, { conn: { name: 'b' } }, [], references)).toEqual({
      data: { conn: { name: 'b', hook: { $ref: { blockDocumentId: HOOK_ID } } } },
      mergeExistingData: true,
    });
  });

  it('never sends form values in place of a nested block: the reference wins', () => {
    const references = { hook: HOOK_ID };
    const start = { name: 'api', region: 'eu' };
    expect(blockUpdateData(start, { ...start, hook: { url: 'typed' } }, [], references)).toEqual({
      data: {},
      mergeExistingData: true,
    });
    expect(blockUpdateData(start, { name: 'api', hook: { url: 'typed' } }, [], references).data).toEqual({
      name: 'api',
      hook: { $ref: { blockDocumentId: HOOK_ID } },
    });
  });

  it('puts a nested block back under a cleared object when the whole data is replaced', () => {
    const references = { 'conn.hook': HOOK_ID };
    expect(
      blockUpdateData({ conn: { name: 'a' }, note: 'x' }, { conn: undefined, note: '' }, [], references),
    ).toEqual({ data: { conn: { hook: { $ref: { blockDocumentId: HOOK_ID } } } }, mergeExistingData: false });
  });

  it('does not change the form data it is given', () => {
    const current = { method: 'GET', timeout: '', url: SECRET_MASK, headers: '' };
    const before = structuredClone(current);
    blockUpdateData(initial, current, WEBHOOK_SECRETS, { hook: HOOK_ID });
    expect(current).toEqual(before);
  });
});
