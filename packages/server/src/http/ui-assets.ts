import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';

/** One file of the built UI, held in memory. @internal */
export interface UiAsset {
  /** The path relative to the assets folder, with `/` separators (`assets/index-abc.js`). */
  path: string;
  body: Buffer;
  contentType: string;
  /** A strong ETag of the bytes (`"<sha1>"`). */
  etag: string;
  /** Whether a compressed copy is worth sending (text types, not tiny). */
  compressible: boolean;
}

/** The built UI: every file under the assets folder, or `index: undefined` when it is not built. @internal */
export interface UiAssets {
  dir: string;
  files: ReadonlyMap<string, UiAsset>;
  /** `index.html`, the answer to every client-side route; missing when the UI is not built. */
  index: UiAsset | undefined;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Compressing a few hundred bytes saves nothing worth the CPU. */
const MIN_COMPRESS_BYTES = 1024;

/** The Content-Type of a file name; `application/octet-stream` when unknown. @internal */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function isTextType(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript|manifest\+json|wasm)|image\/svg\+xml)/.test(contentType);
}

/**
 * Read every file under `dir` into memory (the built UI is a few megabytes and does not change
 * while the server runs). Serving then looks names up in this map, so no request path ever
 * reaches the file system: `..`, encoded dots or absolute paths cannot read outside `dir`.
 * A missing folder gives an empty map. @internal
 */
export async function loadUiAssets(dir: string): Promise<UiAssets> {
  const files = new Map<string, UiAsset>();
  const root = await realpath(dir).catch(() => null);
  if (root && (await stat(root)).isDirectory()) await collect(root, root, files);
  return { dir, files, index: files.get('index.html') };
}

async function collect(root: string, folder: string, files: Map<string, UiAsset>): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    // Follow links only when they stay inside the folder.
    const full = await realpath(join(folder, entry.name)).catch(() => null);
    if (!full || (full !== root && !full.startsWith(root + sep))) continue;
    const info = await stat(full);
    if (info.isDirectory()) {
      await collect(root, full, files);
    } else if (info.isFile()) {
      const path = relative(root, join(folder, entry.name)).split(sep).join('/');
      const body = await readFile(full);
      const contentType = contentTypeOf(path);
      files.set(path, {
        path,
        body,
        contentType,
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
        compressible: isTextType(contentType) && body.length >= MIN_COMPRESS_BYTES,
      });
    }
  }
}

/** The encodings the server compresses to, best first. @internal */
export type UiEncoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Compressed copies of assets, made on first request and kept (compress once, serve many).
 * @internal
 */
export function createCompressionCache(): (asset: UiAsset, encoding: UiEncoding) => Promise<Buffer> {
  const cache = new Map<string, Promise<Buffer>>();
  return (asset, encoding) => {
    const key = `${encoding}:${asset.path}`;
    let pending = cache.get(key);
    if (!pending) {
      pending =
        encoding === 'br'
          ? brotli(asset.body, {
              params: {
                // Quality 9 is within a few percent of 11 at a fraction of the time.
                [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: asset.body.length,
              },
            })
          : gzipAsync(asset.body, { level: 9 });
      cache.set(key, pending);
      // A failed compression is retried next time rather than cached.
      pending.catch(() => cache.delete(key));
    }
    return pending;
  };
}
