import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PullStep } from '@weft/schemas';
import { type CommandResult, runCommand } from './run-command';
import type { SecretMask } from './secret-mask';

/** The options of a `gitClone` step. @internal */
export type GitCloneOptions = Extract<PullStep, { gitClone: unknown }>['gitClone'];

/** What a step runner gets besides its options. @internal */
export interface StepEnvironment {
  cwd: string;
  env: NodeJS.ProcessEnv;
  mask: SecretMask;
  log: (line: string) => void;
  /** Milliseconds before the 2nd and 3rd clone attempt. @default [1000, 3000] */
  retryDelaysMs?: readonly number[];
}

/** A step failed with a message meant for the user (already masked). @internal */
export class StepFailure extends Error {}

const DEFAULT_RETRY_DELAYS_MS = [1000, 3000] as const;

/** The user name a token goes with, by host, as GitHub, GitLab and Bitbucket expect it. */
function tokenUser(host: string): string {
  if (host.includes('gitlab')) return 'oauth2';
  if (host.includes('bitbucket')) return 'x-token-auth';
  return 'x-access-token';
}

/** The repository URL with credentials inserted (HTTPS only); the secrets are added to the mask. */
export function authenticatedUrl(options: GitCloneOptions, mask: SecretMask): string {
  const { repository, accessToken, credentials } = options;
  const token = accessToken ?? credentials?.token ?? credentials?.accessToken;
  const password = credentials?.password;
  if (!token && !password) return repository;
  mask.add(token);
  mask.add(password);
  let url: URL;
  try {
    url = new URL(repository);
  } catch {
    throw new StepFailure(`credentials need an http(s) repository URL, got '${mask.apply(repository)}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new StepFailure(`credentials need an http(s) repository URL, got a ${url.protocol} URL`);
  }
  url.username = encodeURIComponent(credentials?.username ?? tokenUser(url.host));
  url.password = encodeURIComponent((token ?? password) as string);
  return url.toString();
}

/** The folder a repository clones into by default: its last path segment without `.git`. */
function defaultDirectoryName(repository: string): string {
  const last = repository.replace(/\/+$/, '').split(/[/:]/).pop() ?? 'repository';
  return last.replace(/\.git$/, '') || 'repository';
}

function cloneArgs(options: GitCloneOptions, url: string, target: string): string[] {
  const args = ['clone'];
  // A pinned commit may be anywhere in the history; otherwise the tip is enough.
  if (!options.commitSha) args.push('--depth', '1');
  if (options.branch) args.push('--branch', options.branch);
  if (options.includeSubmodules) args.push('--recurse-submodules');
  if (options.directories?.length) args.push('--filter=blob:none', '--sparse');
  args.push('--', url, target);
  return args;
}

async function git(args: string[], cwd: string, step: StepEnvironment): Promise<CommandResult> {
  // Never prompt for a password: a missing credential must fail, not hang the worker.
  const env = { ...step.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo' };
  const result = await runCommand('git', args, { cwd, env });
  if (result.exitCode !== 0) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
    throw new StepFailure(step.mask.apply(`git ${args[0]} failed (exit ${result.exitCode}): ${detail}`));
  }
  return result;
}

async function cloneOnce(options: GitCloneOptions, url: string, target: string, step: StepEnvironment) {
  await git(cloneArgs(options, url, target), step.cwd, step);
  if (options.directories?.length) {
    await git(['sparse-checkout', 'set', '--', ...options.directories], target, step);
  }
  if (options.commitSha) await git(['checkout', '--detach', options.commitSha], target, step);
  // The clone keeps its remote URL in .git/config: leave no credential on disk.
  if (url !== options.repository)
    await git(['remote', 'set-url', 'origin', options.repository], target, step);
}

/**
 * `gitClone`: clone a repository into the working directory (3 attempts), optionally a branch, a
 * commit, submodules or only some directories (sparse). Credentials go into the HTTPS URL and
 * never reach a log or an error. Outputs `{ directory }`, the clone's absolute path.
 * @internal
 */
export async function gitClone(
  options: GitCloneOptions,
  step: StepEnvironment,
): Promise<{ directory: string }> {
  const url = authenticatedUrl(options, step.mask);
  const target = resolve(step.cwd, options.cloneDirectoryName ?? defaultDirectoryName(options.repository));
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new StepFailure(
      `the directory ${target} exists and is not empty; remove it or set cloneDirectoryName to another name`,
    );
  }
  const delays = step.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      step.log(`Cloning ${step.mask.apply(options.repository)} into ${target} (attempt ${attempt} of 3)`);
      await cloneOnce(options, url, target, step);
      return { directory: target };
    } catch (error) {
      // A half-made clone would make the next attempt fail on a non-empty directory.
      await rm(target, { recursive: true, force: true });
      if (attempt >= 3) throw error;
      step.log(step.mask.apply(`Clone attempt ${attempt} failed: ${(error as Error).message}`));
      await new Promise((r) => setTimeout(r, delays[attempt - 1] ?? 1000));
    }
  }
}
