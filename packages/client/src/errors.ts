import { WeftError } from '@weft/schemas';

/** Why a {@link WeftClientError} happened. */
export const WEFT_CLIENT_ERROR_REASONS = ['UNREACHABLE', 'UNAUTHORIZED', 'HTTP_ERROR'] as const;
/** Why a {@link WeftClientError} happened: the server could not be reached, refused the key, or answered something that is not tRPC. */
export type WeftClientErrorReason = (typeof WEFT_CLIENT_ERROR_REASONS)[number];

/** Options for {@link WeftClientError}. */
export interface WeftClientErrorOptions {
  reason: WeftClientErrorReason;
  /** The API URL the client called. */
  url: string;
  /** The HTTP status, when the server answered. */
  status?: number | undefined;
  cause?: unknown;
}

/**
 * A transport failure: the Weft server could not be reached, or answered with an HTTP error that is
 * not a tRPC error (a proxy's 502, a gateway's 401). Errors the server sends (`BAD_REQUEST`,
 * `NOT_FOUND`…) stay `TRPCClientError`s with `data.code` and `data.weftCode`.
 * @example
 * try { await client.flowRuns.list.query({}) } catch (error) {
 *   if (isWeftClientError(error) && error.reason === 'UNREACHABLE') console.error(error.message)
 * }
 */
export class WeftClientError extends WeftError {
  /** Why the call failed. */
  readonly reason: WeftClientErrorReason;
  /** The HTTP status, or `undefined` when no response came back. */
  readonly status: number | undefined;
  /** The API URL the client called. */
  readonly url: string;

  constructor(message: string, options: WeftClientErrorOptions) {
    super('CLIENT', message, { cause: options.cause });
    this.reason = options.reason;
    this.status = options.status;
    this.url = options.url;
  }
}

/** Whether a value is a {@link WeftClientError} (also across duplicate copies of this package). */
export function isWeftClientError(value: unknown): value is WeftClientError {
  return (
    value instanceof WeftClientError ||
    (value instanceof Error && value.name === 'WeftClientError' && 'reason' in value)
  );
}

/** The error for a server that cannot be reached (connection refused, DNS failure, reset). */
export function unreachableError(url: string, cause: unknown): WeftClientError {
  const detail = describeCause(cause);
  return new WeftClientError(
    `Could not reach the Weft server at ${url}${detail ? ` (${detail})` : ''}: is it running? ` +
      'Start it with `weft server start` or set WEFT_API_URL.',
    { reason: 'UNREACHABLE', url, cause },
  );
}

/** The error for an HTTP answer that is not a tRPC response. */
export function httpError(url: string, status: number, body: string): WeftClientError {
  const snippet = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (status === 401 || status === 403) {
    return new WeftClientError(
      `The Weft server at ${url} refused the request (HTTP ${status}): ` +
        'set the API key with the `apiKey` option or WEFT_API_KEY.',
      { reason: 'UNAUTHORIZED', url, status },
    );
  }
  return new WeftClientError(
    `The Weft server at ${url} answered HTTP ${status}, which is not a Weft API response` +
      `${snippet ? `: ${snippet}` : ''}. Check that WEFT_API_URL points at a Weft server.`,
    { reason: 'HTTP_ERROR', url, status },
  );
}

/** `fetch failed` hides the useful part (`ECONNREFUSED 127.0.0.1:4200`) in its cause chain. */
function describeCause(cause: unknown): string {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return '';
}
