import { httpError, unreachableError } from './errors';

/** What {@link createClientFetch} needs. */
export interface ClientFetchOptions {
  /** The API URL, for error messages. */
  apiUrl: string;
  apiKey?: string | undefined;
  headers?: Record<string, string> | undefined;
  fetch?: typeof fetch | undefined;
}

/**
 * The `fetch` every link uses: adds the headers and the API key, and turns transport failures into
 * `WeftClientError`s. tRPC error responses (JSON with an `error` member) pass through untouched, so
 * tRPC still reports them with their code.
 * @internal
 */
export function createClientFetch(options: ClientFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    if (options.apiKey) headers.set('authorization', `Bearer ${options.apiKey}`);
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, headers });
    } catch (error: unknown) {
      // An abort is the caller's decision, not a transport failure.
      if (init?.signal?.aborted) throw error;
      throw unreachableError(options.apiUrl, error);
    }
    if (response.ok || (await isTrpcErrorResponse(response))) return response;
    throw httpError(options.apiUrl, response.status, await safeText(response));
  };
}

async function isTrpcErrorResponse(response: Response): Promise<boolean> {
  if (!response.headers.get('content-type')?.includes('application/json')) return false;
  try {
    return isTrpcBody(await response.clone().json());
  } catch {
    // Not JSON after all: a proxy's error page with the wrong content type.
    return false;
  }
}

/** Whether a parsed JSON answer is tRPC's: an envelope, or a batch of them. @internal */
export function isTrpcBody(body: unknown): boolean {
  const items = Array.isArray(body) ? body : [body];
  return items.length > 0 && items.every(isTrpcEnvelope);
}

function isTrpcEnvelope(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if ('result' in value) return true;
  // tRPC's error shape has a numeric JSON-RPC code (inside `json` with some transformers); a gateway's or
  // an auth layer's `{"error":{"code":"UNAUTHORIZED"}}` does not.
  const error = value.error;
  if (!isRecord(error)) return false;
  const shape = isRecord(error.json) ? error.json : error;
  return typeof shape.code === 'number';
}

/** Whether a value is a non-null object. @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function safeText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    // The body is only for the message; a broken body still gets the status.
    return '';
  }
}
