import { spawn } from 'node:child_process';

/** What a finished command printed and how it ended. @internal */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

/** Options of {@link runCommand}. @internal */
export interface RunCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Run `command` through the system shell (`/bin/sh -c`, `cmd.exe` on Windows). */
  shell?: boolean;
  /** Called with each line of output as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

function lineSplitter(emit: (line: string) => void) {
  let rest = '';
  return {
    push(chunk: string) {
      rest += chunk;
      const lines = rest.split(/\r?\n/);
      rest = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    end() {
      if (rest) emit(rest);
      rest = '';
    },
  };
}

/**
 * Run a command to its end, collecting (and optionally streaming) its output. Never throws for a
 * non-zero exit: the caller decides; a command that cannot start rejects.
 * @internal
 */
export function runCommand(
  command: string,
  args: string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      shell: options.shell ?? false,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: string[] = [];
    const err: string[] = [];
    const stdout = lineSplitter((line) => options.onLine?.(line, 'stdout'));
    const stderr = lineSplitter((line) => options.onLine?.(line, 'stderr'));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out.push(chunk);
      stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err.push(chunk);
      stderr.push(chunk);
    });
    child.once('error', reject);
    child.once('close', (exitCode, signal) => {
      stdout.end();
      stderr.end();
      resolve({ stdout: out.join(''), stderr: err.join(''), exitCode, signal });
    });
  });
}
