import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { State } from '@weft/schemas';
import { CliError } from '../errors';

/** The part of an `@weft/engine` flow the CLI uses (matched structurally: the user's file may load its own copy of the engine). @internal */
export interface LoadedFlow {
  readonly kind: 'flow';
  readonly name: string;
  readonly options?: { onRunning?: RunningHook | RunningHook[] };
  runWithParameters(parameters: Record<string, unknown>): Promise<{ flowRunId: string; state: State }>;
  with?(options: { onRunning: RunningHook[] }): LoadedFlow;
}

/** A flow's `onRunning` hook: `(flow, flowRun, state)`. @internal */
export type RunningHook = (flow: unknown, flowRun: { id: string; name: string }, state: State) => unknown;

/**
 * The flow with one more `onRunning` hook (the user's hooks kept), so the CLI can name the run as
 * soon as it starts. A flow without `.with()` is returned as is.
 * @internal
 */
export function withRunningHook(flow: LoadedFlow, hook: RunningHook): LoadedFlow {
  if (typeof flow.with !== 'function') return flow;
  const existing = flow.options?.onRunning;
  const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return flow.with({ onRunning: [...hooks, hook] });
}

/** Whether a module export is a flow. @internal */
export function isFlow(value: unknown): value is LoadedFlow {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return false;
  const candidate = value as Partial<LoadedFlow>;
  return candidate.kind === 'flow' && typeof candidate.runWithParameters === 'function';
}

/**
 * Import a TypeScript (or JavaScript) file with tsx, without a build step.
 * @throws CliError when the file is missing or fails to load
 * @internal
 */
export async function importEntrypoint(file: string, cwd: string): Promise<Record<string, unknown>> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new CliError(`File not found: ${path}`, { code: 'NOT_FOUND' });
  const { tsImport } = await import('tsx/esm/api');
  try {
    return (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`Could not load ${file}: ${message}`, { cause: error });
  }
}

/**
 * The flow to run: the export whose export name or flow name is `wanted`, or the only flow when
 * `wanted` is omitted.
 * @throws CliError listing the file's flows when none (or several) match
 * @internal
 */
export function pickFlow(
  exports: Record<string, unknown>,
  wanted: string | undefined,
  file: string,
): { exportName: string; flow: LoadedFlow } {
  const flows = Object.entries(exports)
    .filter((entry): entry is [string, LoadedFlow] => isFlow(entry[1]))
    // `export default` of a flow that is also a named export would list it twice.
    .filter(
      ([name, flow], _i, all) => name !== 'default' || !all.some(([n, f]) => n !== 'default' && f === flow),
    );
  if (flows.length === 0) {
    throw new CliError(`${file} exports no flows. Export one made with flow() from @weft/engine.`, {
      code: 'NOT_FOUND',
    });
  }
  const available = flows
    .map(([exportName, flow]) =>
      exportName === flow.name ? exportName : `${exportName} (flow '${flow.name}')`,
    )
    .join(', ');
  if (wanted === undefined) {
    const only = flows[0];
    if (flows.length === 1 && only) return { exportName: only[0], flow: only[1] };
    throw new CliError(
      `${file} exports several flows; pick one with ${file}:<flow>. Available: ${available}.`,
    );
  }
  const match =
    flows.find(([exportName]) => exportName === wanted) ?? flows.find(([, f]) => f.name === wanted);
  if (!match) {
    throw new CliError(`No flow '${wanted}' in ${file}. Available flows: ${available}.`, {
      code: 'NOT_FOUND',
    });
  }
  return { exportName: match[0], flow: match[1] };
}
