import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineBlock } from '@weft/plugin';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { flow } from '../flows/flow';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { BlockError } from './block-errors';
import { blockOf } from './block-of';
import { JsonBlock, Secret, StringBlock, Webhook } from './builtin-blocks';
import { loadBlock, saveBlock } from './load-block';

const greeting = defineBlock({
  slug: 'greeting',
  name: 'Greeting',
  schema: z.object({ greeting: z.string().default('Hello'), token: z.string().min(4) }),
  secrets: ['token'],
  methods: { greet: (config, who: string) => `${config.greeting}, ${who}!` },
});
const Greeting = blockOf(greeting);

declare module '@weft/plugin' {
  interface BlockTypeRegistry {
    greeting: typeof greeting;
  }
}

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
  await t.client.blockTypes.register.mutate({
    slug: 'greeting',
    name: 'Greeting',
    secretFields: ['token'],
    schema: greeting.jsonSchema,
  });
});
afterAll(() => t?.close());

describe('loadBlock and saveBlock', () => {
  it('saves a document and loads its data with secrets, while the API masks them', async () => {
    await saveBlock('webhook', 'alerts', { url: 'https://hooks.example.com/T0/xyz', headers: { a: 'b' } });
    const data = await loadBlock('webhook/alerts');
    expectTypeOf(data.url).toEqualTypeOf<string>();
    expect(data).toEqual({ url: 'https://hooks.example.com/T0/xyz', headers: { a: 'b' } });
    const masked = await t.client.blockDocuments.readByName.query({ name: 'webhook/alerts' });
    expect(masked.data.url).toBe('********');
  });

  it('refuses an existing name unless overwrite, which replaces the data', async () => {
    await saveBlock('string', 'region', { value: 'eu' });
    const conflict = saveBlock('string', 'region', { value: 'us' });
    await expect(conflict).rejects.toThrow("Block 'string/region' already exists; pass { overwrite: true }");
    await expect(conflict).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await StringBlock.load('region')).toBe('eu');
    await saveBlock('string', 'region', { value: 'us' }, { overwrite: true });
    expect(await StringBlock.load('region')).toBe('us');
  });

  it('names a missing document and passes on what the server refuses', async () => {
    await expect(loadBlock('secret/nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: "Block 'secret/nope' not found",
    });
    await expect(saveBlock('string', 'bad', { value: 3 } as never)).rejects.toThrow(/data\.value/);
    await expect(saveBlock('no-such-type', 'x', {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^Could not save block 'no-such-type\/x' \(NOT_FOUND: /),
    });
  });
});

describe('built-in helpers', () => {
  it('Secret, JsonBlock and StringBlock load the value itself', async () => {
    await Secret.save('api-token', 's3cr3t-api-token');
    expect(await Secret.load('api-token')).toBe('s3cr3t-api-token');
    await JsonBlock.save('limits', { max: 3, tags: ['a'] });
    expect(await JsonBlock.load('limits')).toEqual({ max: 3, tags: ['a'] });
    await Secret.save('api-token', 'rotated', { overwrite: true });
    expect(await Secret.load('api-token')).toBe('rotated');
  });

  it('Secret.load refuses a secret holding JSON without showing it', async () => {
    await saveBlock('secret', 'json-secret', { value: { password: 'hunter2-json' } });
    const error = (await Secret.load('json-secret').catch((e: unknown) => e)) as BlockError;
    expect(error).toBeInstanceOf(BlockError);
    expect(error.message).toBe("Block 'secret/json-secret' does not hold a string");
  });
});

describe('plugin blocks through blockOf', () => {
  it('validates before saving, naming the field and sending nothing', async () => {
    const before = t.httpRequests();
    await expect(Greeting.save('short', { token: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^Invalid data for block 'greeting\/short' \(save\): token: /),
    });
    expect(t.httpRequests()).toBe(before);
  });

  it('saves with defaults, loads the parsed data and binds the methods', async () => {
    await Greeting.save('team', { token: 'tok-1234' });
    const team = await Greeting.load('team');
    expect(team.data).toEqual({ greeting: 'Hello', token: 'tok-1234' });
    expect(team.greet('Ada')).toBe('Hello, Ada!');
    expect(team.ref).toBe('greeting/team');
    const loaded = await loadBlock('greeting/team');
    expectTypeOf(loaded).toEqualTypeOf<{ greeting: string; token: string }>();
    expect(loaded).toEqual({ greeting: 'Hello', token: 'tok-1234' });
    await expect(Greeting.save('team', { token: 'tok-5678' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await Greeting.save('team', { greeting: 'Hi', token: 'tok-5678' }, { overwrite: true });
    expect((await Greeting.load('team')).greet('Bob')).toBe('Hi, Bob!');
  });
});

describe('Webhook', () => {
  it('POSTs the body with the block method and headers, and reports a failing answer', async () => {
    const received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
    let status = 204;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, headers: request.headers, body });
        response.statusCode = status;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/hooks/secret-path`;
      await Webhook.save('local', { url, headers: { authorization: 'Bearer hook-token' } });
      const hook = await Webhook.load('local');
      await hook.notify({ text: 'flow finished' });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        method: 'POST',
        url: '/hooks/secret-path',
        body: '{"text":"flow finished"}',
        headers: { authorization: 'Bearer hook-token', 'content-type': 'application/json' },
      });

      await Webhook.save('put', { url, method: 'PUT' });
      await (await Webhook.load('put')).notify('plain text');
      expect(received[1]).toMatchObject({ method: 'PUT', body: 'plain text' });

      status = 500;
      const error = (await hook.notify('x').catch((e: unknown) => e)) as Error;
      expect(error.message).toBe('Webhook answered HTTP 500');
      expect(error.message).not.toContain('secret-path');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('secrets stay out of logs and errors', () => {
  it('a flow that loads a secret and logs around it never logs the value', async () => {
    const value = 'ghp_never-in-logs-0123456789';
    await Secret.save('github-token', value);
    const useToken = flow({ name: 'uses-secret', logPrints: true }, async () => {
      const token = await Secret.load('github-token');
      console.log(`loaded a token of ${token.length} characters`);
      const missing = await Secret.load('missing-token').catch((e: Error) => e.message);
      console.log(`missing: ${missing}`);
      return token.length;
    });
    const outcome = await useToken.returnState();
    expect(outcome.state.type).toBe('COMPLETED');
    await t.session.flush();
    const logs = await t.client.logs.list.query({ filter: { flowRunId: { any: [outcome.flowRunId] } } });
    const messages = logs.map((log) => log.message);
    expect(messages).toContain(`loaded a token of ${value.length} characters`);
    expect(messages).toContain("missing: Block 'secret/missing-token' not found");
    expect(messages.join('\n')).not.toContain(value);
  });

  it('an error loading a block never holds its secrets', async () => {
    // Stored data that no longer fits the plugin's schema: this version wants a longer token.
    const stricter = blockOf(
      defineBlock({
        slug: 'greeting',
        name: 'Greeting',
        schema: greeting.schema.extend({ token: z.string().min(8) }),
      }),
    );
    await Greeting.save('stale', { greeting: 'Yo', token: 'pw1-old' });
    const failing = flow({ name: 'fails-loading' }, async () => (await stricter.load('stale')).data.token);
    const outcome = await failing.returnState();
    expect(outcome.state.type).toBe('FAILED');
    await t.session.flush();
    const logs = await t.client.logs.list.query({ filter: { flowRunId: { any: [outcome.flowRunId] } } });
    const text = [outcome.state.message ?? '', ...logs.map((log) => log.message)].join('\n');
    expect(text).toContain("Invalid data for block 'greeting/stale' (load): token: ");
    expect(text).not.toContain('pw1-old');
  });
});
