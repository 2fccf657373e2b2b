import { resolve } from 'node:path';
import type { PullStep } from '@weft/schemas';
import { type StepEnvironment, StepFailure } from './git-clone';
import { runCommand } from './run-command';

/** The options of a `runShellScript` step. @internal */
export type RunShellScriptOptions = Extract<PullStep, { runShellScript: unknown }>['runShellScript'];

/** Expand `$NAME` and `${NAME}` from `env`; unknown names are left as they are. @internal */
export function expandEnvVars(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, braced, bare) => {
    const value = env[(braced ?? bare) as string];
    return value === undefined ? match : value;
  });
}

/**
 * `runShellScript`: run a script through the system shell in `directory` (relative to the working
 * directory) with `env` added, streaming its output to the log unless `streamOutput` is false.
 * `expandEnvVars` expands `$NAME` from the step's environment before the shell sees the script.
 * Outputs `{ stdout, stderr }` (trimmed). A non-zero exit fails the step.
 * @internal
 */
export async function runShellScript(
  options: RunShellScriptOptions,
  step: StepEnvironment,
): Promise<{ stdout: string; stderr: string }> {
  const env = { ...step.env, ...options.env };
  const script = options.expandEnvVars ? expandEnvVars(options.script, env) : options.script;
  const cwd = resolve(step.cwd, options.directory ?? '.');
  const stream = options.streamOutput ?? true;
  const result = await runCommand(script, [], {
    cwd,
    env,
    shell: true,
    ...(stream ? { onLine: (line: string) => step.log(step.mask.apply(line)) } : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    throw new StepFailure(`could not start the script in ${cwd}: ${error.code ?? error.message}`);
  });
  if (result.exitCode !== 0) {
    const tail = result.stderr.trim().split('\n').slice(-5).join('\n');
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    throw new StepFailure(step.mask.apply(`the script ${how}${tail ? `: ${tail}` : ''}`));
  }
  return { stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}
