import { ConcurrencyLimitName } from '@weft/schemas';

/** The most slots (and slot decay per second) a limit may have, as the server allows. */
export const MAX_LIMIT = 1_000_000;
const MAX_NAME_LENGTH = 255;

/** The problem with a limit's name, worded as the server does. */
export function limitNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'name must not be empty';
  if (name.length > MAX_NAME_LENGTH) return `name must be at most ${MAX_NAME_LENGTH} characters`;
  const result = ConcurrencyLimitName.safeParse(name);
  return result.success ? undefined : `name ${result.error.issues[0]?.message ?? 'is not valid'}`;
}

/** The problem with a number input's value (a string while it is not a number), or undefined. */
export function limitNumberProblem(
  value: number | string,
  what: string,
  integer: boolean,
): string | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return `${what} must be a number`;
  if (value < 0 || value > MAX_LIMIT) return `${what} must be from 0 to ${MAX_LIMIT.toLocaleString()}`;
  if (integer && !Number.isInteger(value)) return `${what} must be a whole number`;
  return undefined;
}
