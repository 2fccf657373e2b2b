import { PluginDefinitionError } from './errors';
import { assertKebabCase } from './naming';

/** A task a plugin ships: a name and a function; the engine turns it into a recorded task. */
export interface PluginTask<
  TName extends string = string,
  TArgs extends unknown[] = never[],
  TReturn = unknown,
> {
  /** Kebab-case, unique across every registered plugin. */
  readonly name: TName;
  readonly description: string;
  /** @default [] */
  readonly tags: readonly string[];
  readonly fn: (...args: TArgs) => TReturn | Promise<TReturn>;
}

/** The widest plugin task. */
// biome-ignore lint/suspicious/noExplicitAny: the widest type must accept every argument list
export type AnyPluginTask = PluginTask<string, any[], unknown>;

/** What {@link defineTask} takes besides the function. */
export interface PluginTaskOptions<TName extends string> {
  name: TName;
  /** @default '' */
  description?: string;
  /** @default [] */
  tags?: readonly string[];
}

/**
 * Declare a plugin task, in the shape of the engine's `task(options, fn)`. Throws a
 * {@link PluginDefinitionError} when the name is not kebab-case or `fn` is not a function.
 * @example
 * export const sendGreeting = defineTask({ name: 'send-greeting' }, async (to: string) => `Hello, ${to}`);
 */
export function defineTask<const TName extends string, TArgs extends unknown[], TReturn>(
  options: PluginTaskOptions<TName>,
  fn: (...args: TArgs) => TReturn | Promise<TReturn>,
): PluginTask<TName, TArgs, Awaited<TReturn>> {
  const subject = `task ${JSON.stringify(options.name)}`;
  assertKebabCase(subject, 'name', options.name);
  if (typeof fn !== 'function') throw new PluginDefinitionError(subject, 'fn must be a function');
  return Object.freeze({
    name: options.name,
    description: options.description ?? '',
    tags: Object.freeze([...(options.tags ?? [])]),
    fn: fn as (...args: TArgs) => Awaited<TReturn> | Promise<Awaited<TReturn>>,
  });
}
