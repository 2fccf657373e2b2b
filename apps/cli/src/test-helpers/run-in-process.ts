import type { Command } from 'commander';
import { ExitError } from '../errors';
import { createProgram } from '../program';

/** The outcome of one in-process CLI invocation. */
export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

function overrideExits(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) overrideExits(sub);
}

/**
 * Run `weft <args>` in this process against `env` (a real server's URL in `WEFT_API_URL`), the
 * way `bin.ts` does: errors become a line on stderr and an exit code instead of `process.exit`.
 * Faster than a subprocess for commands that only call the API.
 */
export async function runInProcess(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const program = createProgram({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  });
  overrideExits(program);
  try {
    await program.parseAsync(['node', 'weft', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof ExitError) return { code: error.exitCode, stdout, stderr };
    const commanderCode = (error as { code?: unknown }).code;
    // Commander already printed its own message for usage errors.
    if (typeof commanderCode === 'string' && commanderCode.startsWith('commander.')) {
      return { code: (error as { exitCode?: number }).exitCode ?? 1, stdout, stderr };
    }
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    stderr += `error: ${(error as Error).message}\n`;
    return { code: typeof exitCode === 'number' && exitCode > 0 ? exitCode : 1, stdout, stderr };
  }
}
