import { createHash } from 'node:crypto';
import { BlockTypeSpec } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineBlock } from './block-type';
import { toBlockTypeSpec, toCanonicalJson, toSchemaChecksum } from './block-type-spec';

const greeting = defineBlock({
  slug: 'greeting',
  name: 'Greeting',
  description: 'Says hello',
  schema: z.object({ greeting: z.string().default('Hello'), token: z.string() }),
  secrets: ['token'],
  capabilities: ['notify'],
});

describe('toCanonicalJson', () => {
  it('sorts keys at every level, keeps array order and writes no whitespace', () => {
    expect(toCanonicalJson({ b: [3, { z: 1, a: null }], a: 'x' })).toBe('{"a":"x","b":[3,{"a":null,"z":1}]}');
  });
});

describe('toBlockTypeSpec', () => {
  it('describes the block with its JSON Schema and a sha256 checksum of the canonical schema', async () => {
    const spec = await toBlockTypeSpec(greeting);
    expect(spec).toMatchObject({
      slug: 'greeting',
      name: 'Greeting',
      description: 'Says hello',
      capabilities: ['notify'],
      secretFields: ['token'],
    });
    expect(spec.schema).toMatchObject({
      type: 'object',
      properties: { greeting: { type: 'string', default: 'Hello' }, token: { type: 'string' } },
      required: ['token'],
    });
    // An independent implementation (node:crypto) of the same definition.
    const expected = createHash('sha256').update(toCanonicalJson(spec.schema)).digest('hex');
    expect(spec.checksum).toBe(`sha256:${expected}`);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    // The server's input schema for blockTypes.register accepts it as it is (it is strict).
    expect(BlockTypeSpec.parse(spec)).toMatchObject(spec);
  });

  it('gives equal schemas equal checksums whatever the key order, and changed schemas new ones', async () => {
    expect(await toSchemaChecksum({ type: 'object', required: ['a'] })).toBe(
      await toSchemaChecksum({ required: ['a'], type: 'object' }),
    );
    const longer = defineBlock({
      slug: 'greeting',
      name: 'Greeting',
      schema: greeting.schema.extend({ extra: z.number() }),
      secrets: ['token'],
    });
    expect((await toBlockTypeSpec(longer)).checksum).not.toBe((await toBlockTypeSpec(greeting)).checksum);
  });

  it('hands out a copy of the schema, so callers cannot change the block', async () => {
    const spec = await toBlockTypeSpec(greeting);
    spec.schema.type = 'string';
    expect(greeting.jsonSchema.type).toBe('object');
  });
});
