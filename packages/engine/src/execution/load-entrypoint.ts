import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EngineConfigError } from '../errors';
import type { AnyFlow } from '../flows/flow-types';

/** Imports a module by absolute path. The CLI passes one that loads TypeScript through tsx. */
export type ModuleLoader = (path: string) => Promise<Record<string, unknown>>;

/** A plain dynamic `import()`: enough for JavaScript, or TypeScript when a loader hook is registered. */
export const importModule: ModuleLoader = (path) =>
  import(pathToFileURL(path).href) as Promise<Record<string, unknown>>;

/** `path/to/file.ts:exportName` split at its last colon (a Windows drive letter keeps its colon). @internal */
export function parseEntrypoint(entrypoint: string): { file: string; exportName: string } {
  const at = entrypoint.lastIndexOf(':');
  const file = at > 1 ? entrypoint.slice(0, at) : '';
  const exportName = at > 1 ? entrypoint.slice(at + 1) : '';
  if (!file || !exportName) {
    throw new EngineConfigError(
      `Invalid entrypoint '${entrypoint}': expected 'path/to/file.ts:flowExportName'`,
    );
  }
  return { file, exportName };
}

function isFlow(value: unknown): value is AnyFlow {
  // Matched structurally: the user's file may load its own copy of the engine.
  return typeof value === 'function' && (value as { kind?: unknown }).kind === 'flow';
}

/**
 * Load the flow an entrypoint names, relative to `directory`.
 * @throws EngineConfigError when the file is missing, fails to load, or the export is not a flow
 * @internal
 */
export async function loadEntrypoint(options: {
  entrypoint: string;
  directory: string;
  load: ModuleLoader;
}): Promise<AnyFlow> {
  const { file, exportName } = parseEntrypoint(options.entrypoint);
  const path = resolve(options.directory, file);
  if (!existsSync(path)) throw new EngineConfigError(`The entrypoint file ${path} does not exist`);
  let exports: Record<string, unknown>;
  try {
    exports = await options.load(path);
  } catch (error) {
    throw new EngineConfigError(`Could not load ${path}: ${(error as Error)?.message ?? error}`, {
      cause: error,
    });
  }
  const found = exports[exportName];
  if (isFlow(found)) return found;
  const flows = Object.keys(exports).filter((name) => isFlow(exports[name]));
  const available = flows.length > 0 ? `flows exported: ${flows.join(', ')}` : 'it exports no flows';
  throw new EngineConfigError(`${path} has no flow exported as '${exportName}' (${available})`);
}
