import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullStepError } from '../deployment-errors';
import { runPullSteps } from './run-pull-steps';
import { createTestRepository, serveGitOverHttp, type TestRepository } from './testing/git-fixtures';

let root: string;
let repo: TestRepository;
let fileUrl: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'weft-pull-steps-'));
  repo = await createTestRepository(join(root, 'remote'));
  fileUrl = `file://${repo.bare}`;
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function workDir() {
  return mkdtemp(join(root, 'work-'));
}

const quiet = { log: () => undefined, retryDelaysMs: [10, 10] };

describe('gitClone', () => {
  it('clones main over file:// and returns the clone directory', async () => {
    const cwd = await workDir();
    const result = await runPullSteps([{ gitClone: { repository: fileUrl, id: 'clone' } }], {
      cwd,
      ...quiet,
    });
    expect(result.directory).toBe(join(cwd, 'flows'));
    expect(await readFile(join(cwd, 'flows', 'flows', 'etl.ts'), 'utf8')).toContain("'v2'");
    expect(result.outputs.clone).toEqual({ directory: join(cwd, 'flows') });
  });

  it('clones a branch, a pinned commit, and only some directories', async () => {
    const cwd = await workDir();
    await runPullSteps(
      [
        { gitClone: { repository: fileUrl, branch: 'feature', cloneDirectoryName: 'feature' } },
        { gitClone: { repository: fileUrl, commitSha: repo.firstSha, cloneDirectoryName: 'pinned' } },
        { gitClone: { repository: fileUrl, directories: ['flows'], cloneDirectoryName: 'sparse' } },
      ],
      { cwd, ...quiet },
    );
    expect(readFileSync(join(cwd, 'feature', 'flows', 'etl.ts'), 'utf8')).toContain("'feature'");
    expect(readFileSync(join(cwd, 'pinned', 'flows', 'etl.ts'), 'utf8')).toContain("'v1'");
    expect(existsSync(join(cwd, 'sparse', 'flows', 'etl.ts'))).toBe(true);
    expect(existsSync(join(cwd, 'sparse', 'docs', 'readme.md'))).toBe(false);
  });

  it('fails after 3 attempts naming the step, for a repository that does not exist', async () => {
    const cwd = await workDir();
    const lines: string[] = [];
    const error = await runPullSteps([{ gitClone: { repository: `file://${root}/missing.git` } }], {
      cwd,
      log: (line) => lines.push(line),
      retryDelaysMs: [10, 10],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PullStepError);
    expect((error as Error).message).toMatch(/^Pull step 1 \(gitClone\) failed: git clone failed/);
    expect((error as Error).message).toContain('Check the repository URL');
    expect(lines.filter((l) => l.startsWith('Cloning'))).toHaveLength(3);
    expect(existsSync(join(cwd, 'missing'))).toBe(false);
  });

  describe('over HTTP with credentials (git http-backend)', () => {
    const token = 's3cr3t-t0ken/with+chars';
    let http: Awaited<ReturnType<typeof serveGitOverHttp>>;
    beforeAll(async () => {
      http = await serveGitOverHttp(join(root, 'remote'), { username: 'x-access-token', password: token });
    });
    afterAll(() => http.close());

    it('clones with an access token from the environment, and leaves no token in .git/config', async () => {
      const cwd = await workDir();
      const lines: string[] = [];
      await runPullSteps(
        [{ gitClone: { repository: `${http.url}/flows.git`, accessToken: '{{ $GIT_TOKEN }}' } }],
        {
          cwd,
          env: { ...process.env, GIT_TOKEN: token },
          log: (l) => lines.push(l),
          retryDelaysMs: [10, 10],
        },
      );
      expect(readFileSync(join(cwd, 'flows', 'flows', 'etl.ts'), 'utf8')).toContain("'v2'");
      expect(readFileSync(join(cwd, 'flows', '.git', 'config'), 'utf8')).not.toContain('s3cr3t');
      expect(lines.join('\n')).not.toContain('s3cr3t');
    });

    it('clones with username and password credentials', async () => {
      const cwd = await workDir();
      await runPullSteps(
        [
          {
            gitClone: {
              repository: `${http.url}/flows.git`,
              credentials: { username: 'x-access-token', password: token },
            },
          },
        ],
        { cwd, ...quiet },
      );
      expect(existsSync(join(cwd, 'flows', 'flows', 'etl.ts'))).toBe(true);
    });

    it('fails with a wrong token, and the token appears in no log line or error', async () => {
      const cwd = await workDir();
      const wrong = 'wr0ng-t0ken-value';
      const lines: string[] = [];
      const error = await runPullSteps(
        [{ gitClone: { repository: `${http.url}/flows.git`, accessToken: wrong } }],
        { cwd, log: (l) => lines.push(l), retryDelaysMs: [10, 10] },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PullStepError);
      const text = `${(error as Error).message}\n${String((error as Error).stack)}\n${lines.join('\n')}`;
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(encodeURIComponent(wrong));
      expect((error as Error).message).toMatch(/gitClone\) failed: git clone failed/);
      // The server did see the wrong credential (so it was sent, and refused).
      expect(http.requests.some((h) => h.startsWith('Basic '))).toBe(true);
    });
  });

  it('refuses credentials for a non-HTTP URL without showing the token', async () => {
    const error = await runPullSteps([{ gitClone: { repository: fileUrl, accessToken: 'tok-123456' } }], {
      cwd: await workDir(),
      ...quiet,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('credentials need an http(s) repository URL');
    expect((error as Error).message).not.toContain('tok-123456');
  });
});

describe('templating, setWorkingDirectory and runShellScript', () => {
  it('passes outputs of earlier steps and environment variables to later steps', async () => {
    const cwd = await workDir();
    const lines: string[] = [];
    const result = await runPullSteps(
      [
        { gitClone: { id: 'clone', repository: fileUrl } },
        { setWorkingDirectory: { directory: '{{ clone.directory }}/flows' } },
        {
          runShellScript: {
            id: 'show',
            script: 'cat etl.ts && echo "$GREETING from $(pwd)" && echo warn >&2',
            env: { GREETING: '{{ $WHO }}' },
          },
        },
        { runShellScript: { script: 'echo "got {{ show.stderr }}"', streamOutput: false } },
      ],
      { cwd, env: { ...process.env, WHO: 'hello' }, log: (l) => lines.push(l) },
    );
    expect(result.directory).toBe(join(cwd, 'flows', 'flows'));
    expect(result.outputs.show).toEqual({
      stdout: `export const version = 'v2';\nhello from ${join(cwd, 'flows', 'flows')}`,
      stderr: 'warn',
    });
    expect(lines).toContain(`hello from ${join(cwd, 'flows', 'flows')}`);
    expect(lines.some((l) => l.includes('got warn'))).toBe(false);
  });

  it('expands environment variables in the script when asked', async () => {
    const result = await runPullSteps(
      [{ runShellScript: { id: 's', script: "echo '$NAME'", expandEnvVars: true, env: { NAME: 'weft' } } }],
      { cwd: await workDir(), ...quiet },
    );
    expect(result.outputs.s?.stdout).toBe('weft');
  });

  it('names the step of a failing script, with its exit code and stderr', async () => {
    const error = await runPullSteps(
      [
        { runShellScript: { script: 'true' } },
        { runShellScript: { id: 'build', script: 'echo boom >&2; exit 3' } },
      ],
      { cwd: await workDir(), ...quiet },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PullStepError);
    expect(error).toMatchObject({ stepIndex: 1, step: "runShellScript 'build'" });
    expect((error as Error).message).toBe(
      "Pull step 2 (runShellScript 'build') failed: the script exited with code 3: boom. Fix the script, or run it by hand in the same directory to see why.",
    );
  });

  it('reports an unknown step reference, an unset variable, a missing directory and an invalid step', async () => {
    const cwd = await workDir();
    const run = (steps: unknown[]) =>
      runPullSteps(steps, { cwd, env: {}, ...quiet }).catch((e: unknown) => (e as Error).message);
    expect(await run([{ setWorkingDirectory: { directory: '{{ nope.directory }}' } }])).toContain(
      "{{ nope.directory }} names no earlier step with id 'nope'",
    );
    expect(await run([{ runShellScript: { script: 'echo {{ $MISSING_VAR }}' } }])).toContain(
      '{{ $MISSING_VAR }} is not set in the environment',
    );
    expect(await run([{ setWorkingDirectory: { directory: 'nowhere' } }])).toContain(
      `the directory ${join(cwd, 'nowhere')} does not exist`,
    );
    expect(await run([{ gitClone: { repository: 'x' } }, { copyFiles: {} }])).toMatch(
      /^Pull step 2 is invalid/,
    );
  });
});
