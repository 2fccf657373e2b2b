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
