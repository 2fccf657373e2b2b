/**
 * The published artifacts, as a user gets them (style.md G8): pack every published package, install
 * the tarballs into fresh projects outside the workspace with npm, and type-check and run them.
 * Needs `pnpm build` first. npm's cache lives in test/packaging/.tmp, so reruns are offline-fast.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWeftClient } from '@weft/client';
import { createTestServer } from '@weft/server/internal';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const CONSUMERS = resolve(HERE, '../consumers');
const NPM_CACHE = join(HERE, '.tmp', 'npm-cache');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const PACKAGES: Record<string, string> = {
  '@weft/schemas': 'packages/schemas',
  '@weft/plugin': 'packages/plugin',
  '@weft/server': 'packages/server',
  '@weft/client': 'packages/client',
  '@weft/engine': 'packages/engine',
  '@weft/cli': 'apps/cli',
};

interface RunResult {
  stdout: string;
  stderr: string;
}

/** Run a command; on failure, the error message carries its output. */
function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number },
) {
  return new Promise<RunResult>((resolvePromise, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? cleanEnv(),
        timeout: options.timeout ?? 120_000,
        maxBuffer: 1 << 24,
      },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise({ stdout, stderr });
        const output = `${stdout}\n${stderr}`.trim().slice(-4000);
        reject(new Error(`${file} ${args.join(' ')} failed in ${options.cwd}:\n${output}`, { cause: error }));
      },
    );
  });
}

/** The environment without what pnpm and vitest set for themselves (npm_config_*, NODE_OPTIONS). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(npm_|pnpm_|PNPM_|NODE_OPTIONS$|VITEST|WEFT_)/i.test(key) && key !== 'NODE_ENV',
    ),
  );
  return { ...env, npm_config_cache: NPM_CACHE, npm_config_update_notifier: 'false', ...extra };
}

function assertBuilt(): void {
  const missing = Object.values(PACKAGES).filter((dir) => !existsSync(join(ROOT, dir, 'dist', 'index.js')));
  if (missing.length > 0) {
    throw new Error(`No dist/ in ${missing.join(', ')}: run \`pnpm build\` first, then rerun this test.`);
  }
}

async function packAll(destination: string): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(PACKAGES).map(async ([name, dir]) => {
      const packDir = join(destination, dir.replace('/', '-'));
      mkdirSync(packDir, { recursive: true });
      await run('pnpm', ['pack', '--pack-destination', packDir], { cwd: join(ROOT, dir), env: process.env });
      const tarball = readdirSync(packDir).find((file) => file.endsWith('.tgz'));
      if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${name}`);
      const { stdout } = await run('tar', ['-xzOf', join(packDir, tarball), 'package/package.json'], {
        cwd: packDir,
      });
      mkdirSync(join(destination, 'manifests'), { recursive: true });
      writeFileSync(join(destination, 'manifests', `${name.replace('/', '-')}.json`), stdout);
      return [name, join(packDir, tarball)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Copy a fixture from test/consumers and point every @weft/* at its tarball. `overrides` forces the
 * tarballs for transitive edges too (the packed ranges are `0.1.0`, which the public registry may
 * also answer), so nothing of ours comes from the registry.
 */
async function createConsumer(name: string, work: string, tarballs: Record<string, string>): Promise<string> {
  const dir = join(work, name);
  cpSync(join(CONSUMERS, name), dir, {
    recursive: true,
    filter: (source) => !/node_modules|dist$/.test(source),
  });
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
  const local = (pkg: string) => `file:${tarballs[pkg]}`;
  for (const dep of Object.keys(manifest.dependencies)) {
    if (dep.startsWith('@weft/')) manifest.dependencies[dep] = local(dep);
  }
  const overrides = Object.fromEntries(Object.keys(tarballs).map((pkg) => [pkg, local(pkg)]));
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, overrides }, null, 2));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    timeout: 240_000,
  });
  return dir;
}

const SLOW = 120_000;
const tsc = (dir: string, project: string) => run(process.execPath, [TSC, '-p', project], { cwd: dir });

let work = '';
let tarballs: Record<string, string> = {};
let clientOnly = '';
let engine = '';
let plugin = '';

beforeAll(async () => {
  assertBuilt();
  mkdirSync(NPM_CACHE, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'weft-pack-'));
  tarballs = await packAll(work);
  [clientOnly, engine, plugin] = await Promise.all([
    createConsumer('client-only', work, tarballs),
    createConsumer('engine', work, tarballs),
    createConsumer('plugin', work, tarballs),
  ]);
}, 300_000);

afterAll(() => {
  if (work && !process.env.WEFT_KEEP_PACK_DIR) rmSync(work, { recursive: true, force: true });
});

describe('the tarballs', () => {
  it.each(Object.keys(PACKAGES))('%s holds its README and dist, and no sources or tests', async (name) => {
    const { stdout } = await run('tar', ['-tzf', tarballs[name]!], { cwd: work });
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining(['package/package.json', 'package/README.md', 'package/dist/index.js']),
    );
    expect(files.filter((file) => /^package\/src\/|\.test\.|\.test-d\./.test(file))).toEqual([]);
  });

  it.each(Object.keys(PACKAGES))('%s passes publint (warnings count)', async (name) => {
    const bytes = readFileSync(tarballs[name]!);
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball }, level: 'warning' });
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([]);
  });

  it.each(Object.keys(PACKAGES))('%s has no workspace: ranges left', (name) => {
    const manifest = readFileSync(join(work, 'manifests', `${name.replace('/', '-')}.json`), 'utf8');
    expect(manifest).not.toMatch(/workspace:/);
  });
});

describe('client-only consumer (@weft/client + @weft/schemas)', () => {
  it('type-checks the README example (the fixture holds it verbatim)', () => {
    const readme = readFileSync(join(ROOT, 'packages/client/README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const fixture = readFileSync(join(CONSUMERS, 'client-only/src/readme-example.ts'), 'utf8');
    expect(fixture.slice(fixture.indexOf('import '))).toBe(example);
  });

  it('installs without @weft/server, kysely or pglite', () => {
    for (const pkg of ['@weft/server', 'kysely', 'pg', '@electric-sql/pglite']) {
      expect(existsSync(join(clientOnly, 'node_modules', pkg)), pkg).toBe(false);
    }
  });

  it("ships code and declarations with the router's types inlined, never importing the server", () => {
    const dist = join(clientOnly, 'node_modules/@weft/client/dist');
    const files = readdirSync(dist).filter((file) => /\.(d\.c?ts|c?js)$/.test(file));
    expect(files).toEqual(expect.arrayContaining(['index.d.ts', 'index.d.cts', 'index.js', 'index.cjs']));
    for (const file of files) {
      const text = readFileSync(join(dist, file), 'utf8');
      expect(text, file).not.toMatch(/@weft\/server/);
      expect(text, file).not.toMatch(/from ['"](kysely|pg|@electric-sql\/pglite)['"]|\bKysely</);
    }
  });

  it.each(['node16', 'bundler', 'exact'])(
    'type-checks with tsconfig.%s.json',
    async (config) => {
      await tsc(clientOnly, `tsconfig.${config}.json`);
    },
    SLOW,
  );

  it('loads with require() (CommonJS) and reports an unreachable server as WeftClientError', async () => {
    const { stdout } = await run(process.execPath, ['src/load.cjs'], { cwd: clientOnly });
    expect(JSON.parse(stdout.trim())).toEqual({ loaded: true, reason: 'UNREACHABLE' });
  });

  it('loads with import (ESM)', async () => {
    const code = "import { createWeftClient } from '@weft/client'; console.log(typeof createWeftClient);";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { cwd: clientOnly });
    expect(stdout.trim()).toBe('function');
  });
});

describe('plugin consumer (a block type and a task)', () => {
  it('type-checks under node16 with the BlockTypeRegistry augmentation, and runs as ESM', {
    timeout: SLOW,
  }, async () => {
    await tsc(plugin, 'tsconfig.json');
    const { stdout } = await run(process.execPath, ['dist/greetings.js'], { cwd: plugin });
    const printed = JSON.parse(stdout.trim()) as { checksum: string };
    expect(printed).toMatchObject({ slug: 'welcome', text: 'Hi, Ada!', secretFields: ['token'] });
    expect(printed.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('loads with require() (CommonJS) and names both owners of a conflict', async () => {
    const { stdout } = await run(process.execPath, ['src/load.cjs'], { cwd: plugin });
    expect(JSON.parse(stdout.trim())).toEqual({ loaded: true, owners: ['one', 'two'] });
  });
});

describe('engine consumer (a flow with two tasks)', () => {
  let server: Awaited<ReturnType<typeof createTestServer>> | undefined;

  beforeAll(async () => {
    server = await createTestServer({ listen: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('type-checks and compiles with tsc', { timeout: SLOW }, async () => {
    await tsc(engine, 'tsconfig.json');
    expect(existsSync(join(engine, 'dist/etl.js'))).toBe(true);
  });

  it('runs against a server through WEFT_API_URL, and the run reads back COMPLETED', {
    timeout: SLOW,
  }, async () => {
    if (!existsSync(join(engine, 'dist/etl.js'))) await tsc(engine, 'tsconfig.json');
    const url = server?.url;
    if (!url) throw new Error('the workspace server did not listen');
    const env = cleanEnv({ WEFT_API_URL: url, WEFT_HOME: join(work, 'weft-home') });
    const { stdout } = await run(process.execPath, ['dist/etl.js'], { cwd: engine, env, timeout: 60_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toEqual({ total: 10 });

    const client = createWeftClient({ url });
    const runs = await client.flowRuns.list.query({ filter: { flowName: { any: ['consumer-etl'] } } });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.stateType).toBe('COMPLETED');
    const taskRuns = await client.taskRuns.count.query({ filter: { flowRunId: { any: [runs[0]!.id] } } });
    expect(taskRuns).toBe(2);
  });
});
