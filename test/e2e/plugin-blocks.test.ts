import { createWeftClient, type WeftClient } from '@weft/client';
import { GreetingConfig, greetings } from '@weft/examples/plugins/greetings';
import { createRegistry } from '@weft/plugin';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The sample plugin's block type, end to end: its spec registers on a real server over HTTP, the
// server computes the same checksum as @weft/plugin, and documents follow the plugin's schema.
let server: TestServer;
let client: WeftClient;
const registry = createRegistry({ plugins: [greetings()] });

beforeAll(async () => {
  server = await createTestServer({ listen: true });
  client = createWeftClient({ url: server.url! });
});
afterAll(async () => {
  await server?.close();
});

describe('the greetings plugin on a server', () => {
  it('registers its block type; the server computes the same checksum, and registering again is a no-op', async () => {
    const [spec] = await registry.blockTypeSpecs();
    if (!spec) throw new Error('the greetings plugin has no block type');
    const { checksum, ...withoutChecksum } = spec;
    const first = await client.blockTypes.register.mutate(withoutChecksum);
    expect(first.blockSchema).toMatchObject({ checksum, secretFields: ['token'], capabilities: ['notify'] });
    const again = await client.blockTypes.register.mutate(spec);
    expect(again.blockSchema.id).toBe(first.blockSchema.id);
  });

  it('stores a document that the plugin loads back, the token masked unless asked for', async () => {
    await client.blockDocuments.create.mutate({
      name: 'friendly',
      blockTypeSlug: 'greeting',
      data: { token: 'e2e-secret-token' },
    });
    const masked = await client.blockDocuments.readByName.query({ name: 'greeting/friendly' });
    expect(JSON.stringify(masked)).not.toContain('e2e-secret-token');
    const full = await client.blockDocuments.readByName.query({
      name: 'greeting/friendly',
      includeSecrets: true,
    });
    const config = GreetingConfig.parse(full.data);
    expect(registry.block('greeting').methods.format(config, 'Ada')).toBe('Hello, Ada!');
    expect(config.token).toBe('e2e-secret-token');
  });

  it("refuses data that breaks the plugin's schema, naming the field, and writes nothing", async () => {
    await expect(
      client.blockDocuments.create.mutate({
        name: 'rude',
        blockTypeSlug: 'greeting',
        data: { greeting: '', token: 'x' },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('greeting') });
    const names = (await client.blockDocuments.list.query({ blockTypeSlugs: ['greeting'] })).map(
      (d) => d.name,
    );
    expect(names).toEqual(['friendly']);
  });
});
