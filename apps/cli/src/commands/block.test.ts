import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlockDocument, BlockSchema, BlockType } from '@weft/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BlockField } from '../output/blocks';
import { useCliApiTest } from '../test-helpers/cli-api-test';
import { REPO_ROOT } from '../test-helpers/cli-process';
import type { PluginRegistration } from './block-plugin';

// `weft block` against a real server over HTTP, with the sample greetings plugin loaded by path.

const GREETINGS = join(REPO_ROOT, 'apps/examples/src/plugins/greetings/index.ts');
const TOKEN = 'tok-3f9a-very-secret';

const cli = useCliApiTest();
const { weft, json } = cli;

describe('weft block register', () => {
  it('registers the greetings plugin by path, then reports it unchanged', async () => {
    const first = await weft(['block', 'register', '--plugin', GREETINGS]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/created\s+greeting \(Greeting\) sha256:/);
    expect(first.stdout).toContain("Registered plugin 'greetings' 0.1.0: 1 block type(s), 1 created");
    const stored = await cli.client.blockTypes.readBySlug.query({ slug: 'greeting' });
    expect(stored.name).toBe('Greeting');

    const again = await json<PluginRegistration>(['block', 'register', '--plugin', GREETINGS]);
    expect(again.plugin).toEqual({ id: 'greetings', version: '0.1.0' });
    expect(again.blockTypes.map((b) => [b.slug, b.status])).toEqual([['greeting', 'unchanged']]);
    expect(again.blockTypes[0]?.blockType.id).toBe(stored.id);
    expect(await cli.client.blockSchemas.list.query({ blockTypeSlug: 'greeting' })).toHaveLength(1);
  });

  it('says what to do with a missing file, a missing package, or a module that is not a plugin', async () => {
    const missingFile = await weft(['block', 'register', '--plugin', './no/such/plugin.ts']);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toMatch(/Plugin file not found: .*no\/such\/plugin\.ts/);

    const missingPackage = await weft(['block', 'register', '--plugin', '@weft-test/no-such-plugin']);
    expect(missingPackage.code).toBe(1);
    expect(missingPackage.stderr).toContain("Plugin package '@weft-test/no-such-plugin' is not installed");
    expect(missingPackage.stderr).toContain('npm install @weft-test/no-such-plugin');

    const notPlugin = join(cli.home, 'not-a-plugin.ts');
    await writeFile(notPlugin, 'export default { hello: "world" };\n');
    const r1 = await weft(['block', 'register', '--plugin', notPlugin]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain('its default export is an object without id, blocks or tasks (keys: hello)');
    expect(r1.stderr).toContain('default export must be a plugin made with definePlugin()');

    const badId = join(cli.home, 'bad-id.ts');
    await writeFile(badId, 'export default { id: "Bad Id", version: "1.0.0", blocks: [], tasks: [] };\n');
    const r0 = await weft(['block', 'register', '--plugin', badId]);
    expect(r0.code).toBe(1);
    expect(r0.stderr).toMatch(/is not a valid Weft plugin: .*kebab-case/);

    const noDefault = join(cli.home, 'no-default.ts');
    await writeFile(noDefault, 'export const answer: number = 42;\n');
    const r2 = await weft(['block', 'register', '--plugin', noDefault]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('it has no default export');

    const text = join(cli.home, 'text.mjs');
    await writeFile(text, 'export default "greetings";\n');
    const r3 = await weft(['block', 'register', '--plugin', text]);
    expect(r3.stderr).toContain('its default export is a string');

    // Nothing of these reached the server.
    const slugs = (await cli.client.blockTypes.list.query({})).map((t) => t.slug);
    expect(
      slugs.filter(
        (s) => !['secret', 'json', 'string', 'date-time', 'webhook', 'local-file-system'].includes(s),
      ),
    ).toEqual(['greeting']);
  });
});

describe('weft block ls, inspect and delete', () => {
  let team: BlockDocument;

  beforeAll(async () => {
    team = await cli.client.blockDocuments.create.mutate({
      name: 'team',
      blockTypeSlug: 'greeting',
      data: { greeting: 'Hi', token: TOKEN },
    });
    await cli.client.blockDocuments.create.mutate({
      name: 'ops',
      blockTypeSlug: 'string',
      data: { value: 'ops-channel' },
    });
  });

  it('lists documents, all or of one type, with secrets masked', async () => {
    const all = await json<BlockDocument[]>(['block', 'ls']);
    expect(all.map((d) => `${d.blockTypeSlug}/${d.name}`).sort()).toEqual(['greeting/team', 'string/ops']);
    expect(JSON.stringify(all)).not.toContain(TOKEN);
    const greetings = await json<BlockDocument[]>(['block', 'ls', '--type', 'greeting']);
    expect(greetings.map((d) => d.name)).toEqual(['team']);
    const table = await weft(['block', 'ls']);
    expect(table.stdout).toMatch(/greeting\/team\s+Greeting/);
    expect(table.stdout).not.toContain(TOKEN);
    expect((await weft(['block', 'ls', '--type', 'webhook'])).stdout).toContain(
      "No blocks of type 'webhook'.",
    );
  });

  it('inspects by name or id, masking secrets unless --show-secrets', async () => {
    const masked = await json<BlockDocument>(['block', 'inspect', 'greeting/team']);
    expect(masked.data).toEqual({ greeting: 'Hi', token: '********' });
    const byId = await json<BlockDocument>(['block', 'inspect', team.id]);
    expect(byId.data).toEqual({ greeting: 'Hi', token: '********' });
    const people = await weft(['block', 'inspect', 'greeting/team']);
    expect(people.stdout).toMatch(/Type\s+Greeting \(greeting\)/);
    expect(people.stdout).toContain('"token": "********"');
    expect(people.stdout).not.toContain(TOKEN);

    const revealed = await json<BlockDocument>(['block', 'inspect', 'greeting/team', '--show-secrets']);
    expect(revealed.data).toEqual({ greeting: 'Hi', token: TOKEN });
    expect((await weft(['block', 'inspect', team.id, '--show-secrets'])).stdout).toContain(TOKEN);
  });

  it('shows block types with their fields and which are secret', async () => {
    const types = await json<BlockType[]>(['block', 'type', 'ls']);
    expect(types.map((t) => t.slug)).toEqual(expect.arrayContaining(['greeting', 'secret', 'webhook']));
    expect((await weft(['block', 'type', 'ls'])).stdout).toMatch(/greeting\s+Greeting\s+no/);

    const inspected = await json<{ blockType: BlockType; blockSchema: BlockSchema; fields: BlockField[] }>([
      'block',
      'type',
      'inspect',
      'greeting',
    ]);
    expect(inspected.blockType.slug).toBe('greeting');
    expect(inspected.blockSchema.capabilities).toEqual(['notify']);
    expect(inspected.fields.map((f) => [f.path, f.required, f.secret])).toEqual([
      ['greeting', false, false],
      ['punctuation', false, false],
      ['token', true, true],
    ]);
    const people = await weft(['block', 'type', 'inspect', 'webhook']);
    expect(people.stdout).toMatch(/url\s+string\s+yes\s+yes/);
    expect(people.stdout).toMatch(/Protected\s+yes/);
  });

  it('explains an unknown block, a bad reference and an unknown type', async () => {
    const unknown = await weft(['block', 'inspect', 'greeting/nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/greeting\/nobody/);
    const badRef = await weft(['block', 'inspect', 'team']);
    expect(badRef.code).toBe(1);
    expect(badRef.stderr).toContain("'team' is not a block: pass <type-slug>/<name>");
    const unknownType = await weft(['block', 'type', 'inspect', 'no-such-type']);
    expect(unknownType.code).toBe(1);
    expect(unknownType.stderr).toMatch(/no-such-type/);
    const deleteUnknown = await weft(['block', 'delete', 'greeting/nobody']);
    expect(deleteUnknown.code).toBe(1);
    expect((await cli.client.blockDocuments.list.query({})).map((d) => d.name).sort()).toEqual([
      'ops',
      'team',
    ]);
  });

  it('deletes by name and by id', async () => {
    const r = await weft(['block', 'delete', 'greeting/team']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Deleted block 'greeting/team'.");
    const ops = await cli.client.blockDocuments.readByName.query({ name: 'string/ops' });
    expect((await json<{ id: string }>(['block', 'delete', ops.id])).id).toBe(ops.id);
    expect(await cli.client.blockDocuments.list.query({})).toEqual([]);
  });
});

describe('weft block register, again with a new schema', () => {
  it('reports the block type updated and keeps both schemas', async () => {
    // A hand-written plugin (no @weft/plugin import), checked by assertPlugin like any other.
    const v2 = join(cli.home, 'greetings-v2.mjs');
    const schema = {
      type: 'object',
      properties: { token: { type: 'string' }, emoji: { type: 'string' } },
      required: ['token'],
    };
    const block = {
      slug: 'greeting',
      name: 'Greeting',
      description: '',
      capabilities: ['notify'],
      secrets: ['token'],
      jsonSchema: schema,
    };
    await writeFile(
      v2,
      `export default ${JSON.stringify({ id: 'greetings', version: '2.0.0', blocks: [block], tasks: [] })};\n`,
    );
    const result = await json<PluginRegistration>(['block', 'register', '--plugin', v2]);
    expect(result.blockTypes.map((b) => [b.slug, b.status])).toEqual([['greeting', 'updated']]);
    expect(await cli.client.blockSchemas.list.query({ blockTypeSlug: 'greeting' })).toHaveLength(2);
    const fields = await json<{ fields: BlockField[] }>(['block', 'type', 'inspect', 'greeting']);
    expect(fields.fields.map((f) => f.path)).toEqual(['emoji', 'token']);
  });
});
