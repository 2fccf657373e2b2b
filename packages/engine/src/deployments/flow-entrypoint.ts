import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeploymentError } from './deployment-errors';

const FRAME_FILE = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):\d+:\d+\)?\s*$/;

function frameFile(frame: string): string | undefined {
  const match = FRAME_FILE.exec(frame);
  if (!match?.[1]) return undefined;
  return match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
}

const sites = new WeakMap<object, Error>();

/** Remember where a flow was defined (an Error made there; its stack is formatted only when read). @internal */
export function rememberDefinitionSite(flow: object, site: Error): void {
  sites.set(flow, site);
}

/**
 * The file that defined `flow`: the first stack frame of its definition site after the engine's
 * own leading frames. Undefined when the stack says nothing useful (a bundle, eval). @internal
 */
export function definitionFile(flow: object): string | undefined {
  const frames = (sites.get(flow)?.stack ?? '').split('\n').slice(1).map(frameFile);
  const own = frames[0];
  if (!own) return undefined;
  return frames.find((file) => file !== undefined && file !== own && existsSync(file));
}

const EXPORTED_FLOW =
  /export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*flow\s*\((?=([\s\S]{0,300}))/g;

/**
 * The export name of the flow `flowName` in `source`: the only `export const x = flow(…)`, or the
 * one whose export name or `name:` option is the flow's name. Undefined when unsure. @internal
 */
export function findFlowExport(source: string, flowName: string): string | undefined {
  const found = [...source.matchAll(EXPORTED_FLOW)].map((m) => ({ name: m[1] as string, head: m[2] ?? '' }));
  if (found.length === 1) return found[0]?.name;
  const quoted = new RegExp(
    `(?:name\\s*:\\s*)?['"\`]${flowName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`,
  );
  const matches = found.filter((f) => f.name === flowName || quoted.test(f.head.split(/\)\s*[,;]/)[0] ?? ''));
  return matches.length === 1 ? matches[0]?.name : undefined;
}

/**
 * The entrypoint (`path/to/file.ts:exportName`, relative to `base`) of a flow defined in `file`.
 * @throws DeploymentError saying to pass `entrypoint` when it cannot be found out reliably
 * @internal
 */
export function inferEntrypoint(options: {
  flowName: string;
  file: string | undefined;
  base: string;
}): string {
  const { flowName, file, base } = options;
  const advice = `Pass it explicitly, e.g. entrypoint: 'flows/etl.ts:${/^[A-Za-z_$][\w$]*$/.test(flowName) ? flowName : 'etl'}'.`;
  if (!file) {
    throw new DeploymentError(`Could not find the file that defines flow '${flowName}'. ${advice}`);
  }
  const exportName = findFlowExport(readFileSync(file, 'utf8'), flowName);
  if (!exportName) {
    throw new DeploymentError(
      `Could not tell which export of ${file} is flow '${flowName}' (export it as \`export const x = flow(…)\`). ${advice}`,
    );
  }
  const path = relative(base, file).split(sep).join('/');
  if (path.startsWith('..') || isAbsolute(path)) {
    throw new DeploymentError(
      `Flow '${flowName}' is defined in ${file}, outside the deployment's path ${base}. Set \`path\`, or ${advice}`,
    );
  }
  return `${path}:${exportName}`;
}
