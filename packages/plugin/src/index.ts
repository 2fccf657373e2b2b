/**
 * @weft/plugin — the plugin authoring contract: declare block types and tasks with zod-typed
 * config, bundle them into a plugin, and combine plugins into a registry. Pure definitions, no I/O.
 */
export { toBlockJsonSchema } from './block-json-schema';
export type {
  AnyBlockSchema,
  AnyBlockType,
  BlockMethod,
  BlockMethods,
  BlockType,
  BlockTypeOptions,
  inferBlockConfig,
  inferFieldPaths,
} from './block-type';
export { defineBlock } from './block-type';
export type { BlockTypeSpec } from './block-type-spec';
export { toBlockTypeSpec, toCanonicalJson, toSchemaChecksum } from './block-type-spec';
export { PluginConflictError, PluginDefinitionError, PluginLookupError } from './errors';
export { isKebabCase, KEBAB_CASE } from './naming';
export type { AnyPlugin, Plugin, PluginOptions } from './plugin';
export { assertPlugin, definePlugin } from './plugin';
export type { AnyPluginTask, PluginTask, PluginTaskOptions } from './plugin-task';
export { defineTask } from './plugin-task';
export type {
  BlockTypeRegistry,
  inferPluginBlocks,
  inferPluginTasks,
  Registry,
  RegistryOptions,
} from './registry';
export { createRegistry } from './registry';
