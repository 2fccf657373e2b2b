import { execFileSync, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const git = (args: string[], cwd: string) =>
  execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  })
    .toString()
    .trim();

/** A bare repository with two commits on `main` and a `feature` branch. @internal */
export interface TestRepository {
  /** The bare repository's path. */
  bare: string;
  /** The first commit on main (flows/etl.ts says 'v1'). */
  firstSha: string;
}

/** Make a bare repository in `root` (file:// cloneable) with files in two folders. @internal */
export async function createTestRepository(root: string): Promise<TestRepository> {
  const work = join(root, 'work');
  const bare = join(root, 'flows.git');
  await mkdir(join(work, 'flows'), { recursive: true });
  await mkdir(join(work, 'docs'), { recursive: true });
  git(['init', '-q', '-b', 'main'], work);
  await writeFile(join(work, 'flows', 'etl.ts'), "export const version = 'v1';\n");
  await writeFile(join(work, 'docs', 'readme.md'), '# docs\n');
  git(['add', '.'], work);
  git(['commit', '-q', '-m', 'first'], work);
  const firstSha = git(['rev-parse', 'HEAD'], work);
  await writeFile(join(work, 'flows', 'etl.ts'), "export const version = 'v2';\n");
  git(['commit', '-q', '-am', 'second'], work);
  git(['checkout', '-q', '-b', 'feature'], work);
  await writeFile(join(work, 'flows', 'etl.ts'), "export const version = 'feature';\n");
  git(['commit', '-q', '-am', 'feature'], work);
  git(['checkout', '-q', 'main'], work);
  git(['clone', '-q', '--bare', work, bare], root);
  git(['config', 'uploadpack.allowFilter', 'true'], bare);
  return { bare, firstSha };
}

/**
 * Serve the repositories under `root` over smart HTTP through the real `git http-backend` (CGI),
 * requiring HTTP Basic auth with `username:password`. @internal
 */
export async function serveGitOverHttp(
  root: string,
  auth: { username: string; password: string },
): Promise<{ url: string; close(): Promise<void>; requests: string[] }> {
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.headers.authorization ?? '');
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: auth.username,
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    cgi.on('close', () => {
      const output = Buffer.concat(chunks);
      const split = output.indexOf('\r\n\r\n');
      const head = output.subarray(0, split).toString();
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n')) {
        const [key, ...rest] = line.split(':');
        const value = rest.join(':').trim();
        if (key?.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else if (key) headers[key] = value;
      }
      res.writeHead(status, headers).end(output.subarray(split + 4));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
