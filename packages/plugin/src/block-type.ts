import { BlockTypeSpec, type JsonObject } from '@weft/schemas';
import type { z } from 'zod';
import { hasJsonSchemaPath, toBlockJsonSchema } from './block-json-schema';
import { PluginDefinitionError } from './errors';
import { assertKebabCase, assertUnique } from './naming';

/** The zod schema of a block type's config: always a zod object. */
export type AnyBlockSchema = z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>;

/** A block method: receives the loaded config first, then its own arguments. */
export type BlockMethod<TConfig> = (config: TConfig, ...args: never[]) => unknown;

/** The methods a block type offers (e.g. a notification block's `notify`). */
export type BlockMethods<TConfig> = Record<string, BlockMethod<TConfig>>;

type Depth = [never, 0, 1, 2, 3, 4];
/** Dot-separated paths of the fields of a config type, nested objects included (four levels deep). */
export type inferFieldPaths<T, TDepth extends number = 4> = [TDepth] extends [never]
  ? never
  : T extends Record<string, unknown>
    ? {
        [K in keyof T & string]:
          | K
          | (NonNullable<T[K]> extends Record<string, unknown>
              ? `${K}.${inferFieldPaths<NonNullable<T[K]>, Depth[TDepth]>}`
              : never);
      }[keyof T & string]
    : never;

/** A declared block type: typed, saved configuration with secret fields and optional methods. */
export interface BlockType<
  TSlug extends string = string,
  TSchema extends AnyBlockSchema = AnyBlockSchema,
  TMethods extends BlockMethods<z.output<TSchema>> = BlockMethods<z.output<TSchema>>,
> {
  /** Kebab-case, unique across every registered plugin; documents are loaded as `slug/name`. */
  readonly slug: TSlug;
  /** Display name, e.g. `Slack Webhook`. */
  readonly name: string;
  readonly description: string;
  /** The config schema; the config type is `z.infer` of it. */
  readonly schema: TSchema;
  /** Dot-separated field paths the server encrypts and every read masks. */
  readonly secrets: readonly string[];
  /** Kebab-case capabilities, e.g. `notify`, `read-path`. */
  readonly capabilities: readonly string[];
  readonly methods: TMethods;
  /** The config's JSON Schema (input side), computed once at declaration. */
  readonly jsonSchema: JsonObject;
}

/** The widest block type: what registries and the server handle. */
// biome-ignore lint/suspicious/noExplicitAny: the widest type must accept every schema and method set
export type AnyBlockType = BlockType<string, AnyBlockSchema, any>;

/** The config type of a block type (or of its schema), from `z.infer`. */
export type inferBlockConfig<T> =
  T extends BlockType<string, infer TSchema> ? z.output<TSchema> : T extends z.ZodType ? z.output<T> : never;

/** What {@link defineBlock} takes. */
export interface BlockTypeOptions<
  TSlug extends string,
  TSchema extends AnyBlockSchema,
  TMethods extends BlockMethods<z.output<TSchema>>,
> {
  slug: TSlug;
  name: string;
  /** @default '' */
  description?: string;
  schema: TSchema;
  /** @default [] */
  secrets?: readonly NoInfer<inferFieldPaths<z.output<TSchema>>>[];
  /** @default [] */
  capabilities?: readonly string[];
  /** @default {} */
  methods?: TMethods;
}

/**
 * Declare a block type. Checks the declaration and throws a {@link PluginDefinitionError} naming
 * the problem: a slug or capability that is not kebab-case, a secret path missing from the schema,
 * a schema without a JSON Schema form.
 * @example
 * export const greeting = defineBlock({
 *   slug: 'greeting',
 *   name: 'Greeting',
 *   schema: z.object({ greeting: z.string().default('Hello'), token: z.string() }),
 *   secrets: ['token'],
 *   capabilities: ['notify'],
 * });
 */
export function defineBlock<const TSlug extends string, TSchema extends AnyBlockSchema>(
  options: BlockTypeOptions<TSlug, TSchema, {}> & { methods?: undefined },
): BlockType<TSlug, TSchema, {}>;
export function defineBlock<
  const TSlug extends string,
  TSchema extends AnyBlockSchema,
  TMethods extends BlockMethods<z.output<TSchema>>,
>(options: BlockTypeOptions<TSlug, TSchema, TMethods>): BlockType<TSlug, TSchema, TMethods>;
export function defineBlock(
  options: BlockTypeOptions<string, AnyBlockSchema, BlockMethods<Record<string, unknown>>>,
): AnyBlockType {
  const subject = `block type ${JSON.stringify(options.slug)}`;
  assertKebabCase(subject, 'slug', options.slug);
  if (typeof options.name !== 'string' || options.name.trim() === '') {
    throw new PluginDefinitionError(subject, 'name must be a non-empty string');
  }
  const jsonSchema = jsonSchemaOf(subject, options.schema);
  const secrets = [...(options.secrets ?? [])] as string[];
  assertUnique(subject, 'secret', secrets);
  for (const path of secrets) {
    if (!hasJsonSchemaPath(jsonSchema, path)) {
      throw new PluginDefinitionError(subject, `secret "${path}" is not a field of the schema`);
    }
  }
  const capabilities = [...(options.capabilities ?? [])];
  for (const capability of capabilities) assertKebabCase(subject, 'capability', capability);
  assertUnique(subject, 'capability', capabilities);
  const methods = options.methods ?? {};
  for (const [key, method] of Object.entries(methods)) {
    if (typeof method !== 'function')
      throw new PluginDefinitionError(subject, `method "${key}" is not a function`);
  }
  const description = options.description ?? '';
  assertRegistrable(subject, {
    slug: options.slug,
    name: options.name,
    description,
    capabilities,
    secrets,
    jsonSchema,
  });
  return Object.freeze({
    slug: options.slug,
    name: options.name,
    description,
    schema: options.schema,
    secrets: Object.freeze(secrets),
    capabilities: Object.freeze(capabilities),
    methods,
    jsonSchema,
  });
}

function jsonSchemaOf(subject: string, schema: unknown): JsonObject {
  // Checked by zod's own marker rather than `instanceof`, so a second copy of zod still passes.
  const def = (schema as { _zod?: { def?: { type?: unknown } } } | null)?._zod?.def;
  if (def?.type !== 'object')
    throw new PluginDefinitionError(subject, 'schema must be a zod object (z.object)');
  try {
    return toBlockJsonSchema(schema as AnyBlockSchema);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new PluginDefinitionError(subject, `schema has no JSON Schema form: ${reason}`, { cause });
  }
}

/** The server's own input schema is the last word: what passes here registers (lengths, formats). */
function assertRegistrable(
  subject: string,
  block: Pick<AnyBlockType, 'slug' | 'name' | 'description' | 'capabilities' | 'secrets' | 'jsonSchema'>,
): void {
  const { secrets, jsonSchema, ...rest } = block;
  const checked = BlockTypeSpec.safeParse({ ...rest, secretFields: secrets, schema: jsonSchema });
  const issue = checked.error?.issues[0];
  if (issue) throw new PluginDefinitionError(subject, `${issue.path.join('.')}: ${issue.message}`);
}
