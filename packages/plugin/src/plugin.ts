import type { AnyBlockType } from './block-type';
import { PluginDefinitionError } from './errors';
import { assertKebabCase, assertUnique } from './naming';
import type { AnyPluginTask } from './plugin-task';

/** A plugin: an id, a version, and the block types and tasks it adds. */
export interface Plugin<
  TId extends string = string,
  TBlocks extends readonly AnyBlockType[] = readonly AnyBlockType[],
  TTasks extends readonly AnyPluginTask[] = readonly AnyPluginTask[],
> {
  /** Kebab-case, unique: names the owner in conflicts and logs. */
  readonly id: TId;
  /** The package version (from a generated `version.ts`). */
  readonly version: string;
  readonly blocks: TBlocks;
  readonly tasks: TTasks;
}

/** The widest plugin type. */
export type AnyPlugin = Plugin<string, readonly AnyBlockType[], readonly AnyPluginTask[]>;

/** What {@link definePlugin} takes. */
export interface PluginOptions<
  TId extends string,
  TBlocks extends readonly AnyBlockType[],
  TTasks extends readonly AnyPluginTask[],
> {
  id: TId;
  version: string;
  /** @default [] */
  blocks?: TBlocks;
  /** @default [] */
  tasks?: TTasks;
}

/**
 * Declare a plugin. Pure: nothing is registered until the plugin is passed to `createRegistry`.
 * Throws a {@link PluginDefinitionError} for an id that is not kebab-case, an empty version, or a
 * slug or task name listed twice.
 * @example
 * export const greetings = () =>
 *   definePlugin({ id: 'greetings', version: VERSION, blocks: [greeting], tasks: [sendGreeting] });
 */
export function definePlugin<
  const TId extends string,
  const TBlocks extends readonly AnyBlockType[] = readonly [],
  const TTasks extends readonly AnyPluginTask[] = readonly [],
>(options: PluginOptions<TId, TBlocks, TTasks>): Plugin<TId, TBlocks, TTasks> {
  const subject = `plugin ${JSON.stringify(options.id)}`;
  assertKebabCase(subject, 'id', options.id);
  if (typeof options.version !== 'string' || options.version.trim() === '') {
    throw new PluginDefinitionError(subject, 'version must be a non-empty string');
  }
  const blocks = options.blocks ?? ([] as unknown as TBlocks);
  const tasks = options.tasks ?? ([] as unknown as TTasks);
  assertUnique(
    subject,
    'block type',
    blocks.map((block) => block.slug),
  );
  assertUnique(
    subject,
    'task',
    tasks.map((task) => task.name),
  );
  return Object.freeze({ id: options.id, version: options.version, blocks, tasks });
}
