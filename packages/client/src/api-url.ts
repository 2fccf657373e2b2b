import { WeftError } from '@weft/schemas';

/**
 * The tRPC endpoint for a server URL. Accepts the server's base URL (`http://127.0.0.1:4200`) or
 * its API URL (`http://127.0.0.1:4200/api`), with or without a trailing slash.
 * @example toApiUrl('http://127.0.0.1:4200/') // 'http://127.0.0.1:4200/api'
 */
export function toApiUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(trimmed)) {
    throw new WeftError('CONFIG', `The Weft server URL must start with http:// or https://, got "${url}".`);
  }
  return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}
