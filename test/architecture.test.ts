/**
 * The dependency picture of style.md G1, enforced: package.json edges, import rules per package,
 * no deep imports, tsup entries equal to `exports`, and the publishing basics of G9.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Manifest {
  name: string;
  private?: boolean;
  files?: string[];
  bin?: string | Record<string, string>;
  engines?: { node?: string };
  exports?: Record<string, unknown>;
  dependencies?: Deps;
  peerDependencies?: Deps;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Deps;
  scripts?: Record<string, string>;
}
type Deps = Record<string, string>;
type Workspace = { dir: string; manifest: Manifest };

/** Who may depend on whom. `prod` = dependencies and peers; `optionalPeer` must be an optional peer. */
type Allowed = { prod: string[]; optionalPeer?: string[]; dev?: string[]; peersOnly?: boolean };
const TOOLING = ['@weft/tsconfig', '@weft/tsup-config'];
const INTEGRATION: Allowed = {
  prod: ['@weft/plugin', '@weft/engine', '@weft/schemas'],
  dev: ['@weft/plugin', '@weft/engine', '@weft/schemas', '@weft/server'],
  peersOnly: true,
};
const PICTURE: Record<string, Allowed> = {
  '@weft/schemas': { prod: [] },
  '@weft/plugin': { prod: ['@weft/schemas'] },
  '@weft/server': { prod: ['@weft/schemas', '@weft/plugin'] },
  '@weft/client': { prod: ['@weft/schemas'], dev: ['@weft/server'] },
  // biome-ignore format: one package per line reads as the picture
  '@weft/engine': { prod: ['@weft/schemas', '@weft/client', '@weft/plugin'], optionalPeer: ['@weft/server'], dev: ['@weft/server'] },
  // The UI ships only its built files, so everything it is built from is a dev dependency.
  '@weft/ui': { prod: [], dev: ['@weft/client', '@weft/schemas', '@weft/server'] },
  // The CLI depends on the UI for its built files, which `weft server start` serves (docs/ui.md).
  // biome-ignore format: one package per line reads as the picture
  '@weft/cli': { prod: ['@weft/server', '@weft/client', '@weft/engine', '@weft/schemas', '@weft/plugin', '@weft/ui'] },
  '@weft/examples': { prod: ['@weft/engine', '@weft/plugin'] },
};
/** Private workspaces that exist to test or measure everything. */
const ANYTHING_GOES = new Set(['@weft/test', '@weft/bench', ...TOOLING]);

function workspaces(): Workspace[] {
  const globs = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s+-\s+["']?([^"'\s]+)["']?\s*$/.exec(line)?.[1])
    .filter((glob): glob is string => glob !== undefined);
  const dirs = globs.flatMap((glob) => {
    const parent = join(ROOT, glob.replace(/\/\*$/, ''));
    if (!glob.endsWith('/*')) return [parent];
    return existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : [];
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readManifest(dir) }));
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

function allowedFor(workspace: Workspace): Allowed | undefined {
  if (relative(ROOT, workspace.dir).startsWith(`integrations${sep}`)) return INTEGRATION;
  return PICTURE[workspace.manifest.name];
}

function internal(deps: Deps | undefined): string[] {
  return Object.keys(deps ?? {}).filter((name) => name.startsWith('@weft/'));
}

/** Every edge of a workspace that the picture does not allow, as readable sentences. */
function forbiddenEdges(workspace: Workspace): string[] {
  const { manifest } = workspace;
  if (ANYTHING_GOES.has(manifest.name)) return [];
  const allowed = allowedFor(workspace);
  if (!allowed) return [`${manifest.name} is not in the picture: add it to style.md G1 and PICTURE`];
  const problems: string[] = [];
  const optional = manifest.peerDependenciesMeta ?? {};
  for (const dep of internal(manifest.dependencies)) {
    if (!allowed.prod.includes(dep)) problems.push(`${manifest.name} → ${dep} (dependencies)`);
    if (allowed.peersOnly) problems.push(`${manifest.name} → ${dep} must be a peer dependency`);
  }
  for (const dep of internal(manifest.peerDependencies)) {
    const asOptional = allowed.optionalPeer?.includes(dep) && optional[dep]?.optional === true;
    if (!allowed.prod.includes(dep) && !asOptional) {
      problems.push(
        `${manifest.name} → ${dep} (peerDependencies${optional[dep]?.optional ? '' : ', not optional'})`,
      );
    }
  }
  for (const dep of internal(manifest.devDependencies)) {
    const ok = TOOLING.includes(dep) || allowed.prod.includes(dep) || allowed.dev?.includes(dep);
    if (!ok) problems.push(`${manifest.name} → ${dep} (devDependencies)`);
  }
  return problems;
}

/** G9 ranges: `workspace:^` for what users install, `workspace:*` for dev dependencies. */
function badRanges(manifest: Manifest): string[] {
  if (manifest.private) return [];
  const check = (deps: Deps | undefined, range: string, field: string) =>
    internal(deps)
      .filter((dep) => deps?.[dep] !== range)
      .map((dep) => `${manifest.name} ${field} ${dep}: "${deps?.[dep]}" should be "${range}"`);
  const { dependencies: deps, peerDependencies: peers, devDependencies: dev } = manifest;
  return [
    ...check(deps, 'workspace:^', 'deps'),
    ...check(peers, 'workspace:^', 'peers'),
    ...check(dev, 'workspace:*', 'dev'),
  ];
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(m|c)?tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}
const isTest = (file: string) => /\.test(-d)?\.tsx?$/.test(file) || file.includes(`${sep}__fixtures__${sep}`);

type ImportRef = { specifier: string; kind: 'static' | 'type' | 'dynamic' };
/** The imports and re-exports of a file. Comments are stripped first, so examples in JSDoc do not count. */
function importsOf(file: string): ImportRef[] {
  const code = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const refs: ImportRef[] = [];
  const statement = /\b(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const match of code.matchAll(statement)) {
    const typeOnly =
      match[2] !== undefined || /^import\s+\{\s*(type\s+\w+(\s+as\s+\w+)?\s*,?\s*)+\}/.test(match[0]);
    refs.push({ specifier: match[3]!, kind: typeOnly ? 'type' : 'static' });
  }
  const dynamic = code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g);
  for (const match of dynamic) refs.push({ specifier: match[1]!, kind: 'dynamic' });
  return refs;
}

/** The imports of what a package ships: files reachable from its tsup entries (so not test helpers). */
function productionImports(packageDir: string): { file: string; ref: ImportRef }[] {
  const dir = join(ROOT, packageDir);
  const entries = Object.values(tsupEntries(dir) ?? { index: 'src/index.ts' });
  const queue = entries.map((entry) => resolve(dir, entry)).filter((file) => existsSync(file));
  const seen = new Set<string>();
  const found: { file: string; ref: ImportRef }[] = [];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file) || isTest(file)) continue;
    seen.add(file);
    for (const ref of importsOf(file)) {
      found.push({ file: relative(ROOT, file), ref });
      if (!ref.specifier.startsWith('.')) continue;
      const base = resolve(dirname(file), ref.specifier).replace(/\.js$/, '');
      const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find(
        (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
      );
      if (target) queue.push(target);
    }
  }
  return found;
}

/** The tsup entry names of a package, read from its `definePackageConfig({ … })` call. */
function tsupEntries(dir: string): Record<string, string> | undefined {
  const file = join(dir, 'tsup.config.ts');
  if (!existsSync(file)) return undefined;
  const body = /definePackageConfig\(\s*\{([^}]*)\}/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  return Object.fromEntries(
    [...body.matchAll(/['"]?([\w-]+)['"]?\s*:\s*['"]([^'"]+)['"]/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** Entries a `bin` launcher loads from dist/ (`import '../dist/bin.js'`): built, but not exports. */
function binEntries(w: Workspace): string[] {
  const bins = typeof w.manifest.bin === 'string' ? [w.manifest.bin] : Object.values(w.manifest.bin ?? {});
  const launchers = bins.map((bin) => join(w.dir, bin)).filter((file) => existsSync(file));
  return launchers.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/dist\/([\w-]+)\.js/g)].map((m) => m[1]!),
  );
}

const toEntryName = (key: string) => (key === '.' ? 'index' : key.replace(/^\.\//, ''));

/** Condition objects whose first key is not `types` although they declare one, or lack one. */
function typesNotFirst(value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Object.keys(value);
  const here = keys.includes('default') && keys[0] !== 'types' ? [`${path} (keys: ${keys.join(', ')})`] : [];
  return [
    ...here,
    ...keys.flatMap((key) => typesNotFirst((value as Record<string, unknown>)[key], `${path}.${key}`)),
  ];
}

const all = workspaces();
const published = all.filter((w) => !w.manifest.private);
/** Every import of every source file in the workspace, tests included. */
const everyImport = () =>
  all.flatMap((w) =>
    sourceFiles(w.dir).flatMap((file) => importsOf(file).map(({ specifier }) => ({ w, file, specifier }))),
  );

describe('the dependency picture (style.md G1)', () => {
  it('finds the core workspaces', () => {
    const names = all.map((w) => w.manifest.name);
    expect(names).toEqual(
      expect.arrayContaining(['@weft/schemas', '@weft/server', '@weft/client', '@weft/engine']),
    );
  });

  it('has no package.json edge outside the picture', () => {
    expect(all.flatMap(forbiddenEdges)).toEqual([]);
  });

  it('uses workspace:^ for installed and workspace:* for dev internal ranges (G9)', () => {
    expect(published.flatMap((w) => badRanges(w.manifest))).toEqual([]);
  });

  it('lets the client import the server only as `import type` from @weft/server/router', () => {
    const bad = productionImports('packages/client').filter(
      ({ ref }) =>
        ref.specifier.startsWith('@weft/server') &&
        !(ref.kind === 'type' && ref.specifier === '@weft/server/router'),
    );
    expect(bad).toEqual([]);
  });

  it('keeps the engine off @weft/server except through a dynamic import', () => {
    const bad = productionImports('packages/engine').filter(
      ({ ref }) => ref.specifier.startsWith('@weft/server') && ref.kind !== 'dynamic',
    );
    expect(bad).toEqual([]);
  });

  it('lets schemas import nothing but zod (no node: modules, no I/O)', () => {
    const bad = productionImports('packages/schemas').filter(
      ({ ref }) =>
        !ref.specifier.startsWith('.') && ref.specifier !== 'zod' && !ref.specifier.startsWith('zod/'),
    );
    expect(bad).toEqual([]);
  });

  it('lets plugin import nothing but @weft/schemas and zod (vitest only in /testing; no node: modules)', () => {
    const bad = productionImports('packages/plugin').filter(({ file, ref }) => {
      if (ref.specifier.startsWith('.')) return false;
      if (['@weft/schemas', 'zod'].includes(ref.specifier)) return false;
      return !(ref.specifier === 'vitest' && file.startsWith(join('packages', 'plugin', 'src', 'testing')));
    });
    expect(bad).toEqual([]);
    const files = new Set(productionImports('packages/plugin').map(({ file }) => file));
    expect([...files]).toEqual(expect.arrayContaining([join('packages', 'plugin', 'src', 'registry.ts')]));
  });

  it('has no deep imports into another package (@weft/x/src, /dist/, ../../other/src)', () => {
    // Third-party entry points that their own docs name: Ajv documents `ajv/dist/2020` for
    // JSON Schema draft 2020-12, the dialect zod's toJSONSchema writes.
    // React Flow documents its stylesheet as `@xyflow/react/dist/style.css`.
    const DOCUMENTED_DEEP_IMPORTS = new Set([
      'ajv/dist/2020',
      'ajv/dist/2020.js',
      '@xyflow/react/dist/style.css',
    ]);
    const bad = everyImport().filter(({ w, file, specifier }) => {
      if (DOCUMENTED_DEEP_IMPORTS.has(specifier)) return false;
      if (/^@weft\/[^/]+\/(src|dist)(\/|$)/.test(specifier) || /(^|\/)dist\//.test(specifier)) return true;
      const target = resolve(dirname(file), specifier);
      const outside = specifier.startsWith('.') && !target.startsWith(w.dir + sep);
      return outside && /[\\/](src|dist)([\\/]|$)/.test(relative(ROOT, target));
    });
    expect(bad.map(({ file, specifier }) => `${relative(ROOT, file)}: ${specifier}`)).toEqual([]);
  });

  it('imports @weft subpaths only when the package exports them', () => {
    const exportsOf = new Map(all.map((w) => [w.manifest.name, Object.keys(w.manifest.exports ?? {})]));
    const bad = everyImport().filter(({ specifier }) => {
      const match = /^(@weft\/[^/]+)(\/.*)?$/.exec(specifier);
      const keys = match ? exportsOf.get(match[1]!) : undefined;
      return keys !== undefined && keys.length > 0 && !keys.includes(`.${match?.[2] ?? ''}`);
    });
    expect(bad.map(({ file, specifier }) => `${relative(ROOT, file)}: ${specifier}`)).toEqual([]);
  });

  it('follows the shipped import graph (sanity check of the scans above)', () => {
    const files = new Set(productionImports('packages/client').map(({ file }) => file));
    expect([...files]).toEqual(expect.arrayContaining(['packages/client/src/create-weft-client.ts']));
  });
});

describe.each(published.map((w) => [w.manifest.name, w] as const))('%s is publishable (G9)', (_name, w) => {
  it('has a README, `files` and engines.node >=20.19', () => {
    expect(existsSync(join(w.dir, 'README.md')), 'README.md').toBe(true);
    expect(w.manifest.files?.length ?? 0, '`files`').toBeGreaterThan(0);
    expect(w.manifest.engines?.node).toBe('>=20.19');
  });

  it('puts `types` first in every export condition', () => {
    expect(w.manifest.exports, '`exports`').toBeDefined();
    expect(typesNotFirst(w.manifest.exports, 'exports')).toEqual([]);
  });

  it('builds exactly its `exports` keys (and its bin launcher) with tsup', () => {
    if (w.manifest.scripts?.build?.startsWith('vite ')) {
      // A Vite app (the UI): its exports are hand-written files that `files` ships.
      const targets = Object.values(w.manifest.exports ?? {}).flatMap((v) =>
        typeof v === 'string' ? [] : Object.values(v as Record<string, string>),
      );
      for (const target of targets) expect(w.manifest.files, target).toContain(target.replace(/^\.\//, ''));
      return;
    }
    const entries = tsupEntries(w.dir);
    expect(entries, 'tsup.config.ts with definePackageConfig({ … })').toBeDefined();
    const keys = Object.keys(w.manifest.exports ?? {}).filter((key) => key !== './package.json');
    const expected = [...keys.map(toEntryName), ...binEntries(w)];
    expect(Object.keys(entries ?? {}).sort()).toEqual([...new Set(expected)].sort());
    for (const key of keys) {
      const source = (w.manifest.exports?.[key] as { 'dev-source'?: string } | undefined)?.['dev-source'];
      if (source) expect(`./${entries?.[toEntryName(key)]?.replace(/^\.\//, '')}`, key).toBe(source);
    }
  });
});
