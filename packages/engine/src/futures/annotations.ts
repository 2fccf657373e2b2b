const UNMAPPED = Symbol.for('weft.unmapped');
const ALLOW_FAILURE = Symbol.for('weft.allowFailure');

/** A `.map()` argument passed whole to every mapped call. See {@link unmapped}. */
export interface Unmapped<T> {
  readonly [UNMAPPED]: true;
  readonly value: T;
}

/** An upstream future whose failure does not stop the downstream task. See {@link allowFailure}. */
export interface AllowFailure<T> {
  readonly [ALLOW_FAILURE]: true;
  readonly value: T;
}

/**
 * Pass a value whole to every call of a `.map()` instead of iterating over it.
 * @example add.map([1, 2, 3], unmapped(10)) // add(1, 10), add(2, 10), add(3, 10)
 */
export function unmapped<T>(value: T): Unmapped<T> {
  return { [UNMAPPED]: true, value };
}

/**
 * Let a task run even if this upstream future (or list of futures) did not complete; the task
 * receives the upstream's error in place of its value.
 * @example cleanup(allowFailure(riskyFuture))
 */
export function allowFailure<T>(value: T): AllowFailure<T> {
  return { [ALLOW_FAILURE]: true, value };
}

/** @internal */
export function isUnmapped(value: unknown): value is Unmapped<unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[UNMAPPED] === true;
}

/** @internal */
export function isAllowFailure(value: unknown): value is AllowFailure<unknown> {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ALLOW_FAILURE] === true
  );
}
