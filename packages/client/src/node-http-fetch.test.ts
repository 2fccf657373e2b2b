import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch';

let server: Server;
let base: string;
const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/empty') {
        res.writeHead(204).end();
        return;
      }
      if (req.url === '/slow') return; // never answers
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echo: body, päth: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('createNodeHttpFetch', () => {
  const fetchOverHttp = createNodeHttpFetch()!;

  it('sends the method, headers and string body, and reads status, headers and body back', async () => {
    const response = await fetchOverHttp(`${base}/api/flows.create`, {
      method: 'POST',
      headers: new Headers({ 'content-type': 'application/json', authorization: 'Bearer k' }),
      body: '{"name":"ü"}',
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ echo: '{"name":"ü"}', päth: '/api/flows.create' });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', body: '{"name":"ü"}' });
    expect(request.headers).toMatchObject({ authorization: 'Bearer k', 'content-length': '13' });
  });

  it('answers a 404 as a response and a 204 without a body', async () => {
    const missing = await fetchOverHttp(`${base}/missing`);
    expect([missing.status, missing.ok]).toEqual([404, false]);
    expect(seen.at(-1)!.method).toBe('GET');
    const empty = await fetchOverHttp(`${base}/empty`, { method: 'POST', body: '' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('fails like fetch when nothing listens, with the socket error as its cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await fetchOverHttp(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect(((error as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('stops on its signal with the signal reason', async () => {
    const controller = new AbortController();
    const pending = fetchOverHttp(`${base}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(fetchOverHttp(`${base}/`, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('leaves a body it does not send itself to the global fetch', async () => {
    // The global fetch (undici) names itself in `user-agent`; node:http sends none.
    await fetchOverHttp(`${base}/text`, { method: 'POST', body: 'hi' });
    expect(seen.at(-1)!.headers['user-agent']).toBeUndefined();
    const response = await fetchOverHttp(`${base}/bytes`, {
      method: 'POST',
      body: new Uint8Array([104, 105]),
    });
    expect(await response.json()).toMatchObject({ echo: 'hi' });
    expect(seen.at(-1)!.headers['user-agent']).toBe('node');
  });
});
