import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/create-test-server';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/** A request with the path sent byte for byte (fetch would normalize `..` away). */
function raw(base: string, path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString() });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const HTML = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const INDEX = '<!doctype html><title>Weft test UI</title><div id="root"></div>';
const SCRIPT = `export const app = ${JSON.stringify('x'.repeat(4000))};\n`;
const SECRET = 'top-secret-outside-the-ui';

let root: string;
let t: TestServer;
let url: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'weft-ui-test-'));
  const dir = join(root, 'app');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(root, 'secret.txt'), SECRET);
  t = await createTestServer({ apiKey: 'sekret' });
  ({ url } = await t.server.listen({ port: 0, ui: { assetsDir: dir } }));
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the web UI over HTTP', () => {
  it('serves index.html at / with no-cache, an ETag, and 304 on If-None-Match', async () => {
    const first = await raw(url, '/', { headers: HTML });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.text).toBe(INDEX);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await raw(url, '/', { headers: { ...HTML, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await raw(url, '/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('serves hashed assets with their type and immutable caching; HEAD has no body', async () => {
    const js = await raw(url, '/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.text).toBe(SCRIPT);
    expect((await raw(url, '/assets/index-abc123.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await raw(url, '/assets/logo.png')).headers['content-type']).toBe('image/png');
    const head = await raw(url, '/assets/index-abc123.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(SCRIPT)));
    expect(head.body.length).toBe(0);
  });

  it('compresses text with brotli or gzip when the client accepts it, never images', async () => {
    const br = await raw(url, '/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    const gz = await raw(url, '/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    expect(gz.headers.etag).not.toBe(br.headers.etag);
    const png = await raw(url, '/assets/logo.png', { headers: { 'Accept-Encoding': 'br' } });
    expect(png.headers['content-encoding']).toBeUndefined();
  });

  it('answers index.html for client-side routes a browser asks for, so deep links work', async () => {
    const deep = await raw(url, '/runs/flow-run/0193e0a6-1c1a-7000-8000-000000000000?tab=logs', {
      headers: HTML,
    });
    expect(deep.status).toBe(200);
    expect(deep.text).toBe(INDEX);
    expect(deep.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 JSON for a missing asset, or a missing page asked for without text/html', async () => {
    const asset = await raw(url, '/assets/gone-123.js', { headers: HTML });
    expect(asset.status).toBe(404);
    expect(JSON.parse(asset.text)).toEqual({
      error: { message: 'No file /assets/gone-123.js', code: 'NOT_FOUND' },
    });
    expect((await raw(url, '/runs', { headers: { Accept: 'application/json' } })).status).toBe(404);
  });

  it('never reads outside the folder, whatever the path', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      `/${encodeURIComponent(join(root, 'secret.txt'))}`,
      `/${join(root, 'secret.txt')}`,
      '/index.html%00.png',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const response = await raw(url, path, { headers: HTML });
      expect(response.text, path).not.toContain(SECRET);
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.text).error.code, path).toBe('BAD_REQUEST');
    }
  });

  it('refuses other methods on UI paths with 405 JSON', async () => {
    const post = await raw(url, '/runs', { method: 'POST', headers: HTML });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(post.text)).toEqual({
      error: { message: 'POST is not allowed on /runs', code: 'METHOD_NOT_SUPPORTED' },
    });
  });

  it('keeps the files public and the API behind the key; /api paths never fall back', async () => {
    expect((await raw(url, '/', { headers: HTML })).status).toBe(200);
    expect((await raw(url, '/api/admin.version', { headers: HTML })).status).toBe(401);
    const authorized = await raw(url, '/api/admin.version', { headers: { Authorization: 'Bearer sekret' } });
    expect(authorized.status).toBe(200);
    const unknown = await raw(url, '/apidocs', { headers: HTML });
    expect(unknown.status).toBe(404);
    expect((await raw(url, '/health', { headers: HTML })).text).toBe('{"status":"ok"}');
  });
});

describe('the web UI when it is not built', () => {
  it('answers / with how to build it, warns once, and keeps the API working', async () => {
    const warnings: string[] = [];
    const bare = await createTestServer({
      logger: { warn: (message) => warnings.push(message), error() {} },
    });
    try {
      const dir = join(root, 'missing');
      const { url: bareUrl, ui } = await bare.server.listen({ port: 0, ui: { assetsDir: dir } });
      expect(ui).toBe('not-built');
      expect(warnings).toEqual([
        `The web UI is not built: no index.html in ${dir}. Build it with \`pnpm --filter @weft/ui build\`; the API works meanwhile.`,
      ]);
      const page = await raw(bareUrl, '/');
      expect(page.status).toBe(503);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.text).toContain('The Weft UI is not built');
      expect(page.text).toContain('pnpm --filter @weft/ui build');
      expect((await raw(bareUrl, '/runs', { headers: HTML })).text).toContain('The Weft UI is not built');
      expect((await raw(bareUrl, '/assets/index.js')).status).toBe(404);
      expect((await raw(bareUrl, '/api/admin.version')).status).toBe(200);
    } finally {
      await bare.close();
    }
  });

  it('answers 404 on every path but the API when no UI is configured', async () => {
    const plain = await createTestServer({ listen: true });
    try {
      const response = await raw(plain.url!, '/', { headers: HTML });
      expect(response.status).toBe(404);
      expect(JSON.parse(response.text).error.code).toBe('NOT_FOUND');
    } finally {
      await plain.close();
    }
  });
});
