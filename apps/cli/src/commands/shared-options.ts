import { MAX_LIMIT, NAMED_STATES, STATE_TYPES, type StateType, Uuid } from '@weft/schemas';
import { InvalidArgumentError } from 'commander';

/** Parse a positive integer option (`--limit`, `--head`, `--tail`). @internal */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer.');
  return n;
}

/** Parse `--limit`: 1 to the server's page size. @internal */
export function parseLimit(value: string): number {
  const n = parsePositiveInt(value);
  if (n > MAX_LIMIT) throw new InvalidArgumentError(`must be at most ${MAX_LIMIT}.`);
  return n;
}

/** Collect a repeatable option into an array. @internal */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A `--state` filter: state types (`failed` → FAILED) and state names (`Late`). @internal */
export interface StateSelection {
  types: StateType[];
  names: string[];
}

/**
 * Split `--state` values into types and names; `--state failed,crashed` and repeats both work.
 * @throws InvalidArgumentError for a value that is neither a state type nor a known state name
 * @internal
 */
export function parseStates(values: readonly string[]): StateSelection {
  const selection: StateSelection = { types: [], names: [] };
  for (const value of values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)) {
    const upper = value.toUpperCase() as StateType;
    if (STATE_TYPES.includes(upper)) selection.types.push(upper);
    else if (value in NAMED_STATES) selection.names.push(value);
    else {
      throw new InvalidArgumentError(
        `Unknown state '${value}'. Use a state type (${STATE_TYPES.join(', ')}) or a state name like Late.`,
      );
    }
  }
  if (selection.types.length && selection.names.length) {
    throw new InvalidArgumentError('give either state types or state names, not both.');
  }
  return selection;
}

/** The filter fields for a {@link StateSelection}; empty when nothing was selected. @internal */
export function stateFilter(selection: StateSelection | undefined): {
  stateType?: { any: StateType[] };
  stateName?: { any: string[] };
} {
  if (!selection) return {};
  return {
    ...(selection.types.length ? { stateType: { any: selection.types } } : {}),
    ...(selection.names.length ? { stateName: { any: selection.names } } : {}),
  };
}

/** Parse a run id argument: a UUID, checked before any request is made. @internal */
export function parseRunId(value: string): string {
  const id = value.trim();
  if (!Uuid.safeParse(id).success) {
    throw new InvalidArgumentError(
      'expected a run id (a UUID such as 0193c0de-8b5a-7d3e-9f1c-2a4b6c8d0e1f).',
    );
  }
  return id;
}

/** Parse a count that may be zero (`--concurrency-limit 0` pauses by limit). @internal */
export function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number, 0 or more.');
  return n;
}
