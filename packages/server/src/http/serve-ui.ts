import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './send-json';
import { createCompressionCache, type UiAsset, type UiAssets, type UiEncoding } from './ui-assets';

/** Answers one request for a UI path (anything but `/api…`, `/health` and `/version`). @internal */
export type UiHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;

/** Vite puts content-hashed names under `assets/`: a name never changes its bytes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serve the built UI from memory: files with their Content-Type, long caching for hashed assets,
 * `no-cache` + ETag (304 on `If-None-Match`) for the rest, br/gzip when the client accepts it, and
 * `index.html` for any other page a browser asks for, so client-side routes deep-link.
 * @internal
 */
export function createUiHandler(assets: UiAssets): UiHandler {
  const compressed = createCompressionCache();
  const send = (req: IncomingMessage, res: ServerResponse, asset: UiAsset) =>
    sendAsset({ req, res, asset, compressed }).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Could not send the file');
      else res.destroy(error instanceof Error ? error : undefined);
    });
  return (req, res, rawPath) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, 405, 'METHOD_NOT_SUPPORTED', `${req.method} is not allowed on ${rawPath}`);
    }
    const path = decodePath(rawPath);
    if (path === null) return sendError(res, 400, 'BAD_REQUEST', `Bad path: ${rawPath}`);
    const wantsHtml = acceptsHtml(req);
    if (!assets.index) {
      if (path === '/' || wantsHtml) return sendNotBuilt(req, res, assets.dir);
      return sendError(res, 404, 'NOT_FOUND', `No file ${rawPath}: the Weft UI is not built`);
    }
    const asset = path === '/' ? assets.index : assets.files.get(path.slice(1));
    if (asset) return void send(req, res, asset);
    if (path.startsWith('/assets/') || !wantsHtml) {
      return sendError(res, 404, 'NOT_FOUND', `No file ${rawPath}`);
    }
    return void send(req, res, assets.index);
  };
}

/**
 * The decoded path, or null when it is malformed or could climb out of the folder (`..`, `.`,
 * backslashes, NUL, empty segments such as `//etc/passwd`). Lookups are in a map of the files
 * anyway; this turns such paths into a clear 400 instead of `index.html`.
 */
function decodePath(raw: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // A malformed %-escape.
    return null;
  }
  if (!path.startsWith('/') || /[\0\\]/.test(path)) return null;
  const segments = path.slice(1).split('/');
  const bad = segments.some((s, i) => s === '..' || s === '.' || (s === '' && i < segments.length - 1));
  return bad ? null : path;
}

function acceptsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/.test(req.headers.accept ?? '');
}

/** The best encoding the client accepts (`q=0` refuses one), or null for identity. */
function pickEncoding(header: string | undefined): UiEncoding | null {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: UiEncoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  return ok('gzip') ? 'gzip' : null;
}

function matchesEtag(header: string | undefined, etags: string[]): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || etags.includes(t);
  });
}

interface SendAsset {
  req: IncomingMessage;
  res: ServerResponse;
  asset: UiAsset;
  compressed: (asset: UiAsset, encoding: UiEncoding) => Promise<Buffer>;
}

async function sendAsset({ req, res, asset, compressed }: SendAsset): Promise<void> {
  const encoding = asset.compressible ? pickEncoding(req.headers['accept-encoding'] as string) : null;
  // Each representation has its own strong ETag; any of them proves the client has these bytes.
  const etagOf = (e: UiEncoding | null) => (e ? `${asset.etag.slice(0, -1)}-${e}"` : asset.etag);
  res.setHeader('Cache-Control', asset.path.startsWith('assets/') ? IMMUTABLE : 'no-cache');
  res.setHeader('ETag', etagOf(encoding));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (asset.compressible) res.setHeader('Vary', 'Accept-Encoding');
  if (asset.contentType.startsWith('text/html')) res.setHeader('X-Frame-Options', 'DENY');
  if (matchesEtag(req.headers['if-none-match'], [etagOf(null), etagOf('br'), etagOf('gzip')])) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = encoding ? await compressed(asset, encoding) : asset.body;
  res.statusCode = 200;
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('Content-Length', body.length);
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The command that builds the UI, shown wherever it is missing. */
export const UI_BUILD_COMMAND = 'pnpm --filter @weft/ui build';

function sendNotBuilt(req: IncomingMessage, res: ServerResponse, dir: string): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Weft UI not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}
code{background:#8882;padding:.1em .3em;border-radius:4px}</style></head>
<body><h1>The Weft UI is not built</h1>
<p>This server found no <code>index.html</code> in <code>${escapeHtml(dir)}</code>.
Build the UI with <code>${UI_BUILD_COMMAND}</code> and restart the server, or point
<code>WEFT_UI_DIR</code> at a built UI.</p>
<p>The API works meanwhile: <a href="/health">/health</a>, <a href="/version">/version</a>, <code>/api</code>.</p>
</body></html>
`;
  res.statusCode = 503;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { message, code } });
}
