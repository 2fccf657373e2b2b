import type { AnyBlockType } from './block-type';
import { type BlockTypeSpec, toBlockTypeSpec } from './block-type-spec';
import { PluginConflictError, PluginLookupError } from './errors';
import { type AnyPlugin, assertPlugin } from './plugin';
import type { AnyPluginTask } from './plugin-task';

/**
 * Block types known to the type checker in every file, by slug. Plugins add theirs by module
 * augmentation, so lookups by slug are typed without passing the registry's type around:
 * @example
 * declare module '@weft/plugin' {
 *   interface BlockTypeRegistry { greeting: typeof greeting }
 * }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface BlockTypeRegistry {}

/** The block types of a tuple of plugins, by slug. */
export type inferPluginBlocks<TPlugins extends readonly AnyPlugin[]> = {
  [B in TPlugins[number]['blocks'][number] as B['slug']]: B;
};

/** The tasks of a tuple of plugins, by name. */
export type inferPluginTasks<TPlugins extends readonly AnyPlugin[]> = {
  [T in TPlugins[number]['tasks'][number] as T['name']]: T;
};

/** A set of plugins checked for conflicts, with lookups by block-type slug and task name. */
export interface Registry<
  TBlocks extends Record<string, AnyBlockType> = Record<string, AnyBlockType>,
  TTasks extends Record<string, AnyPluginTask> = Record<string, AnyPluginTask>,
> {
  readonly plugins: readonly AnyPlugin[];
  /**
   * The block type with this slug, typed by {@link BlockTypeRegistry} (module augmentation) or else
   * by the plugin tuple; throws {@link PluginLookupError} when none is registered.
   */
  block<TSlug extends (keyof TBlocks | keyof BlockTypeRegistry) & string>(
    slug: TSlug,
  ): TSlug extends keyof BlockTypeRegistry
    ? BlockTypeRegistry[TSlug]
    : TSlug extends keyof TBlocks
      ? TBlocks[TSlug]
      : never;
  /** The block type with this slug, or `undefined`: for slugs only known at run time. */
  findBlock(slug: string): AnyBlockType | undefined;
  /** The task with this name; throws {@link PluginLookupError} when none is registered. */
  task<TName extends keyof TTasks & string>(name: TName): TTasks[TName];
  /** The task with this name, or `undefined`. */
  findTask(name: string): AnyPluginTask | undefined;
  /** Every block type, in plugin order. */
  blockTypes(): AnyBlockType[];
  /** Every task, in plugin order. */
  tasks(): AnyPluginTask[];
  /** The id of the plugin that declares a block-type slug or task name. */
  ownerOf(kind: 'block type' | 'task', key: string): string | undefined;
  /** The server's description of every block type (see {@link toBlockTypeSpec}). */
  blockTypeSpecs(): Promise<BlockTypeSpec[]>;
}

/** What {@link createRegistry} takes. */
export interface RegistryOptions<TPlugins extends readonly AnyPlugin[]> {
  plugins: TPlugins;
}

/**
 * Combine plugins into a registry. Registration is explicit: nothing is global. Checks every
 * plugin's shape (a {@link PluginDefinitionError} otherwise) and throws a
 * {@link PluginConflictError} naming both plugins when two declare the same block-type slug or task
 * name (also when one plugin is passed twice).
 * @example
 * const registry = createRegistry({ plugins: [greetings(), slack()] });
 * const block = registry.block('greeting'); // typed: BlockType<'greeting', …>
 */
export function createRegistry<const TPlugins extends readonly AnyPlugin[]>(
  options: RegistryOptions<TPlugins>,
): Registry<inferPluginBlocks<TPlugins>, inferPluginTasks<TPlugins>> {
  const plugins = [...options.plugins];
  const blocks = new Map<string, { owner: string; block: AnyBlockType }>();
  const tasks = new Map<string, { owner: string; task: AnyPluginTask }>();
  for (const plugin of plugins) {
    assertPlugin(plugin);
    for (const block of plugin.blocks) {
      const existing = blocks.get(block.slug);
      if (existing) throw new PluginConflictError('block type', block.slug, [existing.owner, plugin.id]);
      blocks.set(block.slug, { owner: plugin.id, block });
    }
    for (const task of plugin.tasks) {
      const existing = tasks.get(task.name);
      if (existing) throw new PluginConflictError('task', task.name, [existing.owner, plugin.id]);
      tasks.set(task.name, { owner: plugin.id, task });
    }
  }
  const registry: Registry = {
    plugins: Object.freeze(plugins),
    block: (slug) => {
      const found = blocks.get(slug)?.block;
      if (!found) throw new PluginLookupError('block type', slug, [...blocks.keys()]);
      return found as never;
    },
    findBlock: (slug) => blocks.get(slug)?.block,
    task: (name) => {
      const found = tasks.get(name)?.task;
      if (!found) throw new PluginLookupError('task', name, [...tasks.keys()]);
      return found;
    },
    findTask: (name) => tasks.get(name)?.task,
    blockTypes: () => [...blocks.values()].map((entry) => entry.block),
    tasks: () => [...tasks.values()].map((entry) => entry.task),
    ownerOf: (kind, key) => (kind === 'task' ? tasks.get(key) : blocks.get(key))?.owner,
    blockTypeSpecs: () => Promise.all([...blocks.values()].map((entry) => toBlockTypeSpec(entry.block))),
  };
  return registry as unknown as Registry<inferPluginBlocks<TPlugins>, inferPluginTasks<TPlugins>>;
}
