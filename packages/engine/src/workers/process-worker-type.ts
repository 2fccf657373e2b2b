import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type JsonObject, PROCESS_BASE_JOB_TEMPLATE } from '@weft/schemas';
import { killProcess, parseProcessInfrastructureId, processInfrastructureId } from './kill-process';
import { defineWorkerType, type InfrastructureResult, type WorkerRunContext } from './worker-type';

/** The job variables of a process pool (the same template the server gives new `process` pools). */
export { PROCESS_BASE_JOB_TEMPLATE };

/** A job configuration value, unless it is missing or a placeholder no variable filled. */
function configured(configuration: JsonObject, key: string): unknown {
  const value = configuration[key];
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && (value.trim() === '' || /^\{\{.*\}\}$/.test(value.trim())))
    return undefined;
  return value;
}

/** Split a command line into arguments: whitespace separates, single and double quotes group. @internal */
export function splitCommand(command: string): string[] {
  const args: string[] = [];
  const pattern = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  for (const match of command.matchAll(pattern)) {
    args.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3] ?? '');
  }
  return args;
}

/** The process's environment: the worker's, then the job's `env`, then the worker's run variables. */
function processEnv(configuration: JsonObject, env: Record<string, string>): NodeJS.ProcessEnv {
  const jobEnv = configured(configuration, 'env');
  const fromJob =
    jobEnv && typeof jobEnv === 'object' && !Array.isArray(jobEnv)
      ? Object.fromEntries(Object.entries(jobEnv).map(([k, v]) => [k, v === null ? '' : String(v)]))
      : {};
  return { ...process.env, ...fromJob, ...env };
}

function forward(stream: Readable | null, prefix: string, log: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
    log(`${prefix}${line}`),
  );
}

function runProcess(context: WorkerRunContext): Promise<InfrastructureResult> {
  const { configuration, flowRun } = context;
  const command = configured(configuration, 'command');
  const argv = typeof command === 'string' ? splitCommand(command) : context.command;
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new Error('The job configuration has an empty command'));
  const workingDir = configured(configuration, 'workingDir');
  const stream = configured(configuration, 'streamOutput') !== false;
  const child = spawn(file, args, {
    cwd: typeof workingDir === 'string' ? workingDir : process.cwd(),
    env: processEnv(configuration, context.env),
    // Its own process group: a kill reaches what the flow started too, and the terminal's Ctrl-C
    // reaches the worker only, which then stops its runs itself.
    detached: true,
    stdio: ['ignore', stream ? 'pipe' : 'ignore', stream ? 'pipe' : 'ignore'],
  });
  const name = configured(configuration, 'name');
  const prefix = `[${typeof name === 'string' ? name : flowRun.name}] `;
  forward(child.stdout, prefix, context.log);
  forward(child.stderr, prefix, context.log);
  return new Promise((resolve, reject) => {
    child.once('spawn', () => {
      if (child.pid !== undefined) context.onStarted(processInfrastructureId(child.pid));
    });
    child.once('error', (error) => {
      // After a successful spawn, 'error' only reports a failed kill; 'close' still follows.
      if (child.pid === undefined) reject(error);
    });
    child.once('close', (exitCode, signal) => resolve({ exitCode, signal }));
  });
}

/**
 * The core worker type: each flow run in a child process running `weft flow-run execute` (or the
 * job's `command`), with the job's `env` and `workingDir`, its output streamed to the worker's
 * prefixed by the run name.
 */
export const processWorkerType = defineWorkerType({
  type: 'process',
  description: 'Runs each flow run in a child process on the worker’s machine.',
  defaultBaseJobTemplate: PROCESS_BASE_JOB_TEMPLATE,
  run: runProcess,
  async kill({ infrastructureId, graceSeconds }) {
    await killProcess(parseProcessInfrastructureId(infrastructureId), graceSeconds);
  },
});
