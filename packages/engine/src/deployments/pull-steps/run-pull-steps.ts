import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { PullStep } from '@weft/schemas';
import { z } from 'zod';
import { PullStepError } from '../deployment-errors';
import { gitClone, type StepEnvironment, StepFailure } from './git-clone';
import {
  resolveTemplates,
  SERVER_PLACEHOLDER_PREFIX,
  type StepOutputs,
  serverPlaceholders,
  UnresolvedTemplateError,
} from './pull-step-template';
import { runShellScript } from './run-shell-script';
import { createSecretMask } from './secret-mask';
import { loadServerValue, type ServerValueLoader } from './server-template-values';

/** Options of {@link runPullSteps}. */
export interface RunPullStepsOptions {
  /** The directory the steps start in. @default process.cwd() */
  cwd?: string;
  /** The environment of `{{ $VAR }}` templates, git and scripts. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Where progress and streamed script output go, one line at a time. @default stderr */
  log?: (line: string) => void;
  /** Milliseconds before the 2nd and 3rd `gitClone` attempt. @default [1000, 3000] */
  retryDelaysMs?: readonly number[];
  /** Loads `{{ weft.blocks.… }}` and `{{ weft.variables.… }}` values. @default from the server */
  loadServerValue?: ServerValueLoader;
}

/** What the steps left behind. */
export interface PullStepsResult {
  /** Where the entrypoint is loaded from: the last `directory` a step output, else the start. */
  directory: string;
  /** Every step's outputs by step id (steps without an id are left out). */
  outputs: StepOutputs;
}

type StepKind = 'gitClone' | 'setWorkingDirectory' | 'runShellScript';

function describe(step: PullStep): { kind: StepKind; id: string | undefined } {
  const kind = Object.keys(step)[0] as StepKind;
  const options = (step as unknown as Record<StepKind, { id?: string }>)[kind];
  return { kind, id: options.id };
}

async function runStep(
  kind: StepKind,
  options: Record<string, unknown>,
  env: StepEnvironment,
): Promise<Record<string, unknown>> {
  if (kind === 'gitClone') return gitClone(options as never, env);
  if (kind === 'runShellScript') return runShellScript(options as never, env);
  const directory = resolve(env.cwd, String(options.directory));
  if (!existsSync(directory)) throw new StepFailure(`the directory ${directory} does not exist`);
  return { directory };
}

function parseSteps(steps: readonly unknown[]): PullStep[] {
  const parsed = z.array(PullStep).safeParse(steps);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const index = typeof issue?.path[0] === 'number' ? issue.path[0] : 0;
  throw new PullStepError(
    `Pull step ${index + 1} is invalid at pull[${issue?.path.join('].') ?? ''}]: ${issue?.message}. ` +
      'Each step is one of gitClone, setWorkingDirectory, runShellScript.',
    { stepIndex: index, step: 'invalid' },
  );
}

/**
 * Run a deployment's pull steps in order, before its entrypoint is loaded (reference §4.6):
 * `gitClone`, `setWorkingDirectory`, `runShellScript`. String options may hold `{{ step-id.key }}`
 * (an earlier step's output), `{{ $ENV_VAR }}`, `{{ weft.variables.<name> }}` and
 * `{{ weft.blocks.<type-slug>.<name>[.<field>] }}` (read from the server at run time). A failing step throws {@link PullStepError}
 * naming the step and what to do; credentials never appear in logs or errors.
 * @example
 * const { directory } = await runPullSteps(
 *   [{ gitClone: { id: 'clone', repository: 'https://github.com/acme/flows.git', accessToken: '{{ $GITHUB_TOKEN }}' } },
 *    { runShellScript: { script: 'pnpm install', directory: '{{ clone.directory }}' } }],
 *   { cwd: workDir },
 * );
 */
export async function runPullSteps(
  steps: readonly unknown[],
  options: RunPullStepsOptions = {},
): Promise<PullStepsResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const mask = createSecretMask();
  const outputs: StepOutputs = {};
  let cwd = resolve(options.cwd ?? process.cwd());
  let directory = cwd;
  for (const [index, step] of parseSteps(steps).entries()) {
    const { kind, id } = describe(step);
    const name = id ? `${kind} '${id}'` : kind;
    const label = `Pull step ${index + 1} (${name})`;
    try {
      const raw = (step as Record<string, Record<string, unknown>>)[kind] ?? {};
      const server = new Map<string, unknown>();
      for (const placeholder of serverPlaceholders(raw)) {
        const value = await (options.loadServerValue ?? loadServerValue)(placeholder);
        server.set(placeholder, value);
        // A block's value may be a secret: never in a log line or an error.
        if (typeof value === 'string' && placeholder.startsWith('weft.blocks.')) mask.add(value);
      }
      const resolved = resolveTemplates(raw, { outputs, env, server });
      log(`${label}…`);
      const stepEnv: StepEnvironment = { cwd, env, mask, log, retryDelaysMs: options.retryDelaysMs };
      const output = await runStep(kind, resolved, stepEnv);
      if (id) outputs[id] = output;
      if (typeof output.directory === 'string') {
        directory = isAbsolute(output.directory) ? output.directory : resolve(cwd, output.directory);
        if (kind === 'setWorkingDirectory') cwd = directory;
      }
    } catch (error) {
      throw new PullStepError(`${label} failed: ${mask.apply(hint(kind, error))}`, {
        stepIndex: index,
        step: name,
      });
    }
  }
  return { directory, outputs };
}

/** The error's message, with what to do about it. */
function hint(kind: StepKind, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UnresolvedTemplateError && error.placeholder.startsWith(SERVER_PLACEHOLDER_PREFIX)) {
    return `${message}. Create it (\`weft block ls\`, \`weft variable set\`) or fix the placeholder.`;
  }
  if (error instanceof UnresolvedTemplateError) {
    return `${message}. Set the variable, or give the earlier step an \`id\` and reference its outputs.`;
  }
  if ((error as NodeJS.ErrnoException).code === 'ENOENT' && kind === 'gitClone') {
    return 'git is not installed or not on PATH. Install git on the machine that runs the flow.';
  }
  if (error instanceof StepFailure && kind === 'gitClone') {
    return `${message}. Check the repository URL, branch and credentials.`;
  }
  if (error instanceof StepFailure && kind === 'runShellScript') {
    return `${message}. Fix the script, or run it by hand in the same directory to see why.`;
  }
  return message;
}
