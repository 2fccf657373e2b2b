import { TRPCClientError } from '@trpc/client';
import { wireTransformer } from '@weft/schemas';
import { isRecord, isTrpcBody } from './client-fetch';
import { httpError, unreachableError } from './errors';
import { type NodeHttpAnswer, type NodeHttpRequest, toResponse } from './node-http-request';

/** What {@link createHttpMutation} needs. */
export interface HttpMutationOptions {
  /** The API URL (`http://host:port/api`), without a query string. */
  apiUrl: string;
  apiKey?: string | undefined;
  headers?: Record<string, string> | undefined;
  request: NodeHttpRequest;
}

/** Send one mutation, answer its output. */
export type HttpMutation = (path: string, input: unknown) => Promise<unknown>;

/**
 * A mutation sent the way tRPC's `httpLink` sends it (`POST <apiUrl>/<path>`, the serialised
 * input as the JSON body) without the link chain: the link's observable, two abort controllers, a
 * `Headers`, a `Request` and a `Response` per call cost more CPU than the rest of a small mutation
 * (the engine's two calls of every flow run: 2.7 -> 1.6 ms of client CPU a run, bench/). It answers
 * what the link answers: the output, a `TRPCClientError` for the server's errors (with
 * `meta.response` and `meta.responseJSON`), and the `WeftClientError`s of `createClientFetch` for
 * transport failures and answers that are not tRPC's.
 * @internal
 */
export function createHttpMutation(options: HttpMutationOptions): HttpMutation {
  const base = options.apiUrl.replace(/\/$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  return async (path, input) => {
    const serialized = wireTransformer.serialize(input);
    const body = serialized === undefined ? undefined : JSON.stringify(serialized);
    let answer: NodeHttpAnswer;
    try {
      answer = await options.request(new URL(`${base}/${path}`), { method: 'POST', headers, body });
    } catch (error) {
      throw unreachableError(options.apiUrl, error);
    }
    const text = answer.body.toString('utf8');
    let json: unknown;
    let parsed = false;
    try {
      json = JSON.parse(text);
      parsed = true;
    } catch (cause) {
      if (isOk(answer)) throw TRPCClientError.from(cause as Error);
    }
    const isJson = String(answer.headers['content-type'] ?? '').includes('application/json');
    if (!isOk(answer) && !(isJson && parsed && isTrpcBody(json))) {
      throw httpError(options.apiUrl, answer.status, text);
    }
    const outcome = readEnvelope(json);
    if (outcome && 'data' in outcome) return outcome.data;
    // tRPC's `meta`: the answer (its body already read) and its JSON.
    const meta = { response: toResponse(answer), responseJSON: json };
    if (!outcome) {
      throw TRPCClientError.from(new Error('Unable to transform response from server'), { meta });
    }
    throw TRPCClientError.from(outcome, { meta });
  };
}

function isOk(answer: NodeHttpAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** A tRPC answer, deserialised: its data, or the error envelope; undefined if it is neither. */
function readEnvelope(json: unknown): { data: unknown } | { error: { code: number } } | undefined {
  if (!isRecord(json)) return undefined;
  try {
    if ('error' in json) {
      const error = wireTransformer.deserialize(json.error);
      return isRecord(error) && typeof error.code === 'number'
        ? { ...json, error: error as { code: number } }
        : undefined;
    }
    const result = json.result;
    if (!isRecord(result)) return undefined;
    return {
      data: !result.type || result.type === 'data' ? wireTransformer.deserialize(result.data) : result.data,
    };
  } catch {
    return undefined;
  }
}
