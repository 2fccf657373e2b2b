// The tRPC data transformer shared by the server and the client. Weft's wire data is JSON plus
// `Date`s, so instead of superjson (which walks every value twice and records a path per Date;
// ~300 ms per 3,000-run task batch, measured in bench/) one walk copies the value and tags each
// Date. A user object that happens to use a tag key is escaped, so every JSON value round-trips.

const DATE = '$weft:date';
const ESCAPED = '$weft:escaped';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encodeObject(value: Record<string, unknown>): Json {
  const out: Record<string, Json> = {};
  for (const key in value) {
    const item = value[key];
    if (item !== undefined) out[key] = encode(item);
  }
  return DATE in out || ESCAPED in out ? { [ESCAPED]: out } : out;
}

function encode(value: unknown): Json {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    return value === undefined || typeof value === 'function' || typeof value === 'symbol'
      ? null
      : (value as Json);
  }
  if (value instanceof Date) return { [DATE]: Number.isNaN(value.getTime()) ? null : value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (!isPlainObject(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return encode((value as { toJSON(): unknown }).toJSON());
  }
  return encodeObject(value as Record<string, unknown>);
}

function decodeObject(value: Record<string, unknown>): unknown {
  for (const key in value) value[key] = decode(value[key]);
  return value;
}

function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (DATE in record) {
    const iso = record[DATE];
    return iso === null ? new Date(Number.NaN) : new Date(iso as string);
  }
  if (ESCAPED in record) return decodeObject(record[ESCAPED] as Record<string, unknown>);
  return decodeObject(record);
}

/**
 * Weft's tRPC transformer: JSON with `Date`s preserved. `serialize` copies (it never changes its
 * input); `deserialize` revives in place the freshly parsed value it is given.
 * @example initTRPC.create({ transformer: wireTransformer })
 */
export const wireTransformer = {
  serialize: (value: unknown): unknown => encode(value),
  deserialize: <T = unknown>(value: unknown): T => decode(value) as T,
};
