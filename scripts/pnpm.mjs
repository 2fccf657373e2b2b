// Runs pnpm on a machine that only has Node and npm: the pinned pnpm is fetched through npx when it
// is not on PATH, so the README's quickstart needs nothing installed beforehand.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const PNPM_VERSION = pkg.packageManager.split('@')[1];

function hasPnpm() {
  const r = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  return r.status === 0 && r.stdout.trim().startsWith(`${PNPM_VERSION.split('.')[0]}.`);
}

const direct = hasPnpm();

/** Run pnpm with args, inheriting stdio; exits the process on failure. */
export function pnpm(args, options = {}) {
  const [cmd, cmdArgs] = direct ? ['pnpm', args] : ['npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args]];
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', shell: process.platform === 'win32', ...options });
  if (r.status !== 0) {
    console.error(`\n✖ pnpm ${args.join(' ')} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

/** Install the workspace (frozen lockfile in CI) and build every package. */
export function installAndBuild() {
  const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
  console.log('▸ installing dependencies (pnpm install)…');
  pnpm(['install', ...frozen]);
  console.log('▸ building packages (turbo build)…');
  pnpm(['run', 'build']);
}
