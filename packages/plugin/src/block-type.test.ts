import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineBlock, type inferBlockConfig } from './block-type';
import { PluginDefinitionError } from './errors';

const Webhook = z.object({
  url: z.string(),
  method: z.enum(['GET', 'POST']).default('POST'),
  auth: z.object({ user: z.string(), password: z.string() }).nullable().optional(),
});

describe('defineBlock', () => {
  it('keeps the declaration, with defaults, and the config type from z.infer', () => {
    const webhook = defineBlock({
      slug: 'web-hook',
      name: 'Webhook',
      schema: Webhook,
      secrets: ['url', 'auth.password'],
      capabilities: ['notify'],
      methods: { describe: (config) => `${config.method} ${config.url}` },
    });
    expect(webhook).toMatchObject({ slug: 'web-hook', description: '', secrets: ['url', 'auth.password'] });
    expect(webhook.methods.describe({ url: 'https://x', method: 'GET', auth: null })).toBe('GET https://x');
    expect(webhook.jsonSchema.required).toEqual(['url']);
    expect(Object.isFrozen(webhook)).toBe(true);
    expectTypeOf<inferBlockConfig<typeof webhook>>().toEqualTypeOf<z.output<typeof Webhook>>();
    expectTypeOf(webhook.slug).toEqualTypeOf<'web-hook'>();
  });

  it.each([
    ['Web_Hook', 'slug "Web_Hook" must be kebab-case'],
    ['-hook', 'slug "-hook" must be kebab-case'],
    ['', 'slug "" must be kebab-case'],
  ])('rejects the slug %j', (slug, message) => {
    expect(() => defineBlock({ slug, name: 'Webhook', schema: Webhook })).toThrow(message);
  });

  it('rejects a secret path that is not a field, naming it', () => {
    const define = () =>
      // @ts-expect-error: 'auth.token' is not a field path of the schema
      defineBlock({ slug: 'web-hook', name: 'Webhook', schema: Webhook, secrets: ['auth.token'] });
    expect(define).toThrow(PluginDefinitionError);
    expect(define).toThrow('Invalid block type "web-hook": secret "auth.token" is not a field of the schema');
  });

  it('rejects a secret listed twice and a capability that is not kebab-case', () => {
    expect(() =>
      defineBlock({ slug: 'web-hook', name: 'W', schema: Webhook, secrets: ['url', 'url'] }),
    ).toThrow('secret "url" is listed twice');
    expect(() =>
      defineBlock({ slug: 'web-hook', name: 'W', schema: Webhook, capabilities: ['Notify'] }),
    ).toThrow('capability "Notify" must be kebab-case');
  });

  it('rejects a schema that is not a zod object or has no JSON Schema form', () => {
    // @ts-expect-error: a block schema must be a zod object
    expect(() => defineBlock({ slug: 'text', name: 'Text', schema: z.string() })).toThrow(
      'schema must be a zod object (z.object)',
    );
    expect(() => defineBlock({ slug: 'when', name: 'When', schema: z.object({ at: z.date() }) })).toThrow(
      /Invalid block type "when": schema has no JSON Schema form/,
    );
  });

  it('rejects what the server would refuse to register, naming the field', () => {
    const long = 'x'.repeat(129);
    expect(() => defineBlock({ slug: long, name: 'W', schema: Webhook })).toThrow(
      `Invalid block type "${long}": slug: Too big`,
    );
    expect(() => defineBlock({ slug: 'web-hook', name: 'W'.repeat(257), schema: Webhook })).toThrow(
      'Invalid block type "web-hook": name: Too big',
    );
  });

  it('rejects an empty name and a method that is not a function', () => {
    expect(() => defineBlock({ slug: 'web-hook', name: ' ', schema: Webhook })).toThrow(
      'name must be a non-empty',
    );
    const methods = { send: 'nope' } as never;
    expect(() => defineBlock({ slug: 'web-hook', name: 'W', schema: Webhook, methods })).toThrow(
      'method "send" is not a function',
    );
  });
});

describe('defineBlock types', () => {
  it('gives a block without methods an empty method set', () => {
    const plain = defineBlock({ slug: 'plain', name: 'Plain', schema: z.object({ a: z.string() }) });
    expectTypeOf(plain.methods).toEqualTypeOf<{}>();
    expect(plain.methods).toEqual({});
  });
});
