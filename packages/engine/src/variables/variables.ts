import type { JsonValue, Variable } from '@weft/schemas';
import { hasErrorCode } from '../workers/worker-client';
import { resolveVariablesClient } from './variables-client';

/** Options of {@link variables}`.set`. */
export interface VariableSetOptions {
  /** Replace the value of an existing variable; without it an existing name throws. @default false */
  overwrite?: boolean;
  /** The variable's tags; left out on overwrite, the existing tags stay. */
  tags?: string[];
}

async function get(name: string): Promise<JsonValue | undefined>;
async function get<TDefault>(name: string, defaultValue: TDefault): Promise<JsonValue | TDefault>;
async function get(name: string, defaultValue?: unknown): Promise<unknown> {
  const client = await resolveVariablesClient();
  try {
    return (await client.variables.read.query({ name })).value;
  } catch (error: unknown) {
    if (hasErrorCode(error, 'NOT_FOUND')) return defaultValue;
    throw error;
  }
}

async function set(name: string, value: JsonValue, options: VariableSetOptions = {}): Promise<Variable> {
  const client = await resolveVariablesClient();
  return client.variables.set.mutate({
    name,
    value,
    overwrite: options.overwrite ?? false,
    ...(options.tags ? { tags: options.tags } : {}),
  });
}

async function unset(name: string): Promise<boolean> {
  const client = await resolveVariablesClient();
  try {
    await client.variables.delete.mutate({ name });
    return true;
  } catch (error: unknown) {
    if (hasErrorCode(error, 'NOT_FOUND')) return false;
    throw error;
  }
}

/**
 * Named JSON values stored on the server, shared by flows, deployments and the CLI.
 * @example
 * const region = await variables.get('region', 'eu-west-1');
 * await variables.set('last-sync', new Date().toISOString(), { overwrite: true, tags: ['sync'] });
 * await variables.unset('last-sync');
 */
export const variables = {
  /** The value of a variable, or `defaultValue` (undefined) when there is none of that name. */
  get,
  /** Create a variable; an existing name throws the server's CONFLICT unless `overwrite`. */
  set,
  /** Delete a variable; false when there was none. */
  unset,
} as const;
