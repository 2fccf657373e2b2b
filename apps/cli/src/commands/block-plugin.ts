import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WeftClient } from '@weft/client';
import { type AnyPlugin, assertPlugin, createRegistry, PluginDefinitionError } from '@weft/plugin';
import type { BlockSchema, BlockType } from '@weft/schemas';
import { CliError } from '../errors';

/** What happened to one block type on `weft block register`. */
export type RegistrationStatus = 'created' | 'updated' | 'unchanged';

/** One registered block type: its status and what the server now stores. */
export interface BlockTypeRegistration {
  slug: string;
  status: RegistrationStatus;
  checksum: string;
  blockType: BlockType;
  blockSchema: BlockSchema;
}

/** The outcome of registering a plugin. */
export interface PluginRegistration {
  plugin: { id: string; version: string };
  blockTypes: BlockTypeRegistration[];
}

const LOCAL_FILE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

/** Whether `--plugin` names a local file rather than an installed package. @internal */
export function isPluginPath(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec) || LOCAL_FILE.test(spec);
}

/**
 * Import a plugin module: a local `.ts`/`.js` file (through tsx, like `weft run`) or an installed
 * package resolved from `cwd`, and return its default export checked by `assertPlugin`. A default
 * export that is a function without parameters (`export default greetings`) is called to get the
 * plugin. Nothing is registered as a side effect.
 * @throws CliError saying how to install the package, or what the default export must be
 * @internal
 */
export async function loadPlugin(spec: string, cwd: string): Promise<AnyPlugin> {
  const { tsImport } = await import('tsx/esm/api');
  let exports: Record<string, unknown>;
  if (isPluginPath(spec)) {
    const path = resolve(cwd, spec);
    if (!existsSync(path)) {
      throw new CliError(
        `Plugin file not found: ${path}. Pass the path of a module whose default export is a plugin, or the name of an installed plugin package.`,
        { code: 'NOT_FOUND' },
      );
    }
    exports = await importOrExplain(() => tsImport(pathToFileURL(path).href, import.meta.url), spec);
  } else {
    const parent = pathToFileURL(join(cwd, 'weft-plugin-loader.js')).href;
    exports = await importOrExplain(() => tsImport(spec, parent), spec, cwd);
  }
  return toPlugin(exports, spec);
}

async function importOrExplain(
  load: () => Promise<unknown>,
  spec: string,
  cwd?: string,
): Promise<Record<string, unknown>> {
  try {
    return (await load()) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (cwd !== undefined && code === 'ERR_MODULE_NOT_FOUND' && message.includes(packageName(spec))) {
      throw new CliError(
        `Plugin package '${spec}' is not installed in ${cwd}. Install it with \`npm install ${packageName(spec)}\` (or pnpm add / yarn add), or pass the path of the plugin's entry file.`,
        { code: 'NOT_FOUND', cause: error },
      );
    }
    throw new CliError(`Could not load plugin ${spec}: ${message}`, { cause: error });
  }
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

function toPlugin(exports: Record<string, unknown>, spec: string): AnyPlugin {
  let candidate: unknown = exports.default;
  // A CommonJS module imported as ESM puts `module.exports` under `default`.
  if (isObject(candidate) && !('id' in candidate) && 'default' in candidate) candidate = candidate.default;
  const expected =
    'Its default export must be a plugin made with definePlugin() from @weft/plugin, or a function without parameters that returns one (`export default greetings`).';
  if (candidate === undefined || isCommonJsNamespace(candidate, exports)) {
    throw new CliError(`${spec} is not a Weft plugin: it has no default export. ${expected}`);
  }
  if (typeof candidate === 'function' && candidate.length === 0) {
    try {
      candidate = (candidate as () => unknown)();
    } catch (error) {
      throw new CliError(
        `${spec}: calling its default export to get the plugin failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  if (!isObject(candidate)) {
    throw new CliError(
      `${spec} is not a Weft plugin: its default export is a ${typeof candidate}. ${expected}`,
    );
  }
  if (!('id' in candidate) && !('blocks' in candidate) && !('tasks' in candidate)) {
    const keys = Object.keys(candidate).slice(0, 5).join(', ') || 'none';
    throw new CliError(
      `${spec} is not a Weft plugin: its default export is an object without id, blocks or tasks (keys: ${keys}). ${expected}`,
    );
  }
  try {
    assertPlugin(candidate as unknown as AnyPlugin);
  } catch (error) {
    if (error instanceof PluginDefinitionError || error instanceof TypeError) {
      throw new CliError(`${spec} is not a valid Weft plugin: ${error.message}. ${expected}`, {
        cause: error,
      });
    }
    throw error;
  }
  return candidate as unknown as AnyPlugin;
}

/** A TypeScript file without `export default`, loaded as CommonJS: `default` is the named exports. */
function isCommonJsNamespace(candidate: unknown, exports: Record<string, unknown>): boolean {
  if (!isObject(candidate) || 'default' in candidate || 'id' in candidate) return false;
  const named = Object.keys(exports).filter((key) => key !== 'default' && key !== 'module.exports');
  const keys = Object.keys(candidate);
  return keys.length === named.length && keys.every((key) => candidate[key] === exports[key]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Upsert every block type of a plugin through `blockTypes.register`, one after the other, telling
 * `created` (a new slug), `updated` (a new schema or changed name or description) and `unchanged`.
 * @internal
 */
export async function registerPlugin(client: WeftClient, plugin: AnyPlugin): Promise<PluginRegistration> {
  const specs = await createRegistry({ plugins: [plugin] }).blockTypeSpecs();
  const blockTypes: BlockTypeRegistration[] = [];
  for (const spec of specs) {
    const [existing] = await client.blockTypes.list.query({ slugs: [spec.slug] });
    const schemas = existing
      ? await client.blockSchemas.list.query({ blockTypeSlug: spec.slug })
      : ([] as BlockSchema[]);
    const { blockType, blockSchema } = await client.blockTypes.register.mutate({
      slug: spec.slug,
      name: spec.name,
      description: spec.description === '' ? null : spec.description,
      capabilities: spec.capabilities,
      secretFields: spec.secretFields,
      schema: spec.schema,
      checksum: spec.checksum,
    });
    const status: RegistrationStatus = !existing
      ? 'created'
      : schemas.some((schema) => schema.checksum === blockSchema.checksum) &&
          existing.name === blockType.name &&
          existing.description === blockType.description
        ? 'unchanged'
        : 'updated';
    blockTypes.push({ slug: spec.slug, status, checksum: blockSchema.checksum, blockType, blockSchema });
  }
  return { plugin: { id: plugin.id, version: plugin.version }, blockTypes };
}
