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
  const blocks = options.blocks ?? ([] as unknown as TBlocks);
  const tasks = options.tasks ?? ([] as unknown as TTasks);
  const plugin = { id: options.id, version: options.version, blocks, tasks };
  assertPlugin(plugin);
  return Object.freeze(plugin);
}

/**
 * Check a plugin's shape, also for one not made by {@link definePlugin} (a hand-written object, an
 * older copy of this package): a kebab-case id, a version, block types made by `defineBlock`, named
 * tasks with a function, no slug or task name twice. Throws a {@link PluginDefinitionError}.
 */
export function assertPlugin(plugin: AnyPlugin): void {
  const subject = `plugin ${JSON.stringify(plugin?.id)}`;
  assertKebabCase(subject, 'id', plugin?.id);
  if (typeof plugin.version !== 'string' || plugin.version.trim() === '') {
    throw new PluginDefinitionError(subject, 'version must be a non-empty string');
  }
  if (!Array.isArray(plugin.blocks)) throw new PluginDefinitionError(subject, 'blocks must be an array');
  if (!Array.isArray(plugin.tasks)) throw new PluginDefinitionError(subject, 'tasks must be an array');
  for (const block of plugin.blocks) {
    assertKebabCase(subject, 'block type slug', block?.slug);
    if (typeof block.jsonSchema !== 'object' || block.jsonSchema === null) {
      throw new PluginDefinitionError(subject, `block type "${block.slug}" was not made by defineBlock()`);
    }
  }
  for (const task of plugin.tasks) {
    assertKebabCase(subject, 'task name', task?.name);
    if (typeof task.fn !== 'function') {
      throw new PluginDefinitionError(subject, `task "${task.name}" has no function (fn)`);
    }
  }
  assertUnique(
    subject,
    'block type',
    plugin.blocks.map((block) => block.slug),
  );
  assertUnique(
    subject,
    'task',
    plugin.tasks.map((task) => task.name),
  );
}
