import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root; subprocesses run there so `--import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What one `weft` invocation printed and how it ended. */
export interface WeftResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the real `weft` CLI from source (through tsx) as a child process. Only the `WEFT_*` variables
 * given in `env` reach it, so the developer's own settings never leak into a test.
 */
export function weft(args: string[], env: Record<string, string>, timeoutMs = 90_000): Promise<WeftResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WEFT_')));
  const child = spawn(
    process.execPath,
    ['--conditions=dev-source', '--import', 'tsx', 'apps/cli/src/bin.ts', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...base, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`weft ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running `weft` child process (a worker, a server), stopped by the test. */
export interface WeftChild {
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the output contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Start the real `weft` CLI from source as a long-running child process. */
export function startWeft(args: string[], env: Record<string, string>): WeftChild {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WEFT_')));
  const child = spawn(
    process.execPath,
    ['--conditions=dev-source', '--import', 'tsx', 'apps/cli/src/bin.ts', ...args],
    { cwd: REPO_ROOT, env: { ...base, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const waiters = new Set<() => void>();
  const append = (d: Buffer) => {
    output += d;
    for (const wake of waiters) wake();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => output,
    waitFor(text, timeoutMs = 60_000) {
      const matches = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      if (matches()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`weft ${args.join(' ')} did not print ${String(text)} in ${timeoutMs} ms:\n${output}`),
          );
        }, timeoutMs);
        const check = () => {
          if (!matches()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
