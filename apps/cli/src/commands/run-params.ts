import type { JsonObject, JsonValue } from '@weft/schemas';
import { CliError } from '../errors';

/** Parse a `--param` value: JSON when it parses (`3`, `true`, `[1,2]`, `"x"`), else the raw string. @internal */
export function parseParamValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    // Not JSON: a bare word like `hello` is meant as a string.
    return text;
  }
}

/**
 * Merge `--params '{json}'` and repeated `--param k=v` (which win) into one parameters object.
 * @throws CliError for a malformed `--param` or a `--params` that is not a JSON object
 * @internal
 */
export function parseRunParameters(params: string | undefined, pairs: readonly string[]): JsonObject {
  let base: JsonObject = {};
  if (params !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(params);
    } catch (error) {
      throw new CliError(`--params is not valid JSON: ${(error as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new CliError('--params must be a JSON object, e.g. --params \'{"name": "Ada"}\'.');
    }
    base = parsed as JsonObject;
  }
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`--param expects key=value, got '${pair}'.`);
    base[pair.slice(0, at).trim()] = parseParamValue(pair.slice(at + 1));
  }
  return base;
}

/** Split `path/to/file.ts:flowName` at the last colon (so `C:\\…` paths keep theirs). @internal */
export function parseEntrypoint(entrypoint: string): { file: string; flowName: string | undefined } {
  const at = entrypoint.lastIndexOf(':');
  // A colon at index 1 is a Windows drive letter, not a separator.
  if (at <= 1) return { file: entrypoint, flowName: undefined };
  return { file: entrypoint.slice(0, at), flowName: entrypoint.slice(at + 1) || undefined };
}
