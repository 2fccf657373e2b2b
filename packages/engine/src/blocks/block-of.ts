import type { AnyBlockType, inferBlockConfig } from '@weft/plugin';
import type { BlockDocument, JsonObject } from '@weft/schemas';
import type { z } from 'zod';
import { BlockError } from './block-errors';
import { readBlockDocument, type SaveBlockOptions, saveBlock } from './load-block';

type Rest<F> = F extends (config: never, ...args: infer A) => unknown ? A : never;

/** A loaded block: its parsed `data` (secrets included) and its methods, bound to that data. */
export type LoadedBlock<TBlock extends AnyBlockType> = {
  readonly [K in keyof TBlock['methods']]: TBlock['methods'][K] extends (...args: never[]) => infer R
    ? (...args: Rest<TBlock['methods'][K]>) => R
    : never;
} & {
  /** `type-slug/name`. */
  readonly ref: string;
  readonly data: inferBlockConfig<TBlock>;
};

/** Load and save documents of one block type, checked by its zod schema. */
export interface BlockHelpers<TBlock extends AnyBlockType> {
  readonly definition: TBlock;
  /**
   * The document `name` of this type, parsed by the schema (defaults applied), with its methods.
   * @throws {BlockError} `NOT_FOUND`, or `VALIDATION` naming the field when the stored data does
   * not fit the schema.
   */
  load(name: string): Promise<LoadedBlock<TBlock>>;
  /**
   * Check `data` with the schema (a `VALIDATION` {@link BlockError} naming the field, nothing
   * sent), then save it; an existing name throws `CONFLICT` unless `overwrite`.
   */
  save(name: string, data: z.input<TBlock['schema']>, options?: SaveBlockOptions): Promise<BlockDocument>;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid data';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parse block data with its schema; the error names the field, never the value. @internal */
export function parseBlockData<TBlock extends AnyBlockType>(
  definition: TBlock,
  ref: string,
  data: unknown,
  verb: 'load' | 'save',
): inferBlockConfig<TBlock> {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    throw new BlockError(
      'VALIDATION',
      ref,
      `Invalid data for block '${ref}' (${verb}): ${firstIssue(parsed.error)}`,
    );
  }
  return parsed.data as inferBlockConfig<TBlock>;
}

/**
 * Helpers for a block type declared with `defineBlock`.
 * @example
 * const Greeting = blockOf(greeting);
 * await Greeting.save('hello', { token: 't0' });
 * const hello = await Greeting.load('hello');
 * hello.data.greeting; // 'Hello' (the default)
 */
export function blockOf<TBlock extends AnyBlockType>(definition: TBlock): BlockHelpers<TBlock> {
  const helpers: BlockHelpers<AnyBlockType> = {
    definition,
    async load(name) {
      const ref = `${definition.slug}/${name}`;
      const document = await readBlockDocument(ref);
      const data = parseBlockData(definition, ref, document.data, 'load');
      const bound: Record<string, unknown> = {};
      const methods = definition.methods as Record<string, (config: unknown, ...args: unknown[]) => unknown>;
      for (const [key, method] of Object.entries(methods)) {
        bound[key] = (...args: unknown[]) => method(data, ...args);
      }
      return { ...bound, ref, data } as unknown as LoadedBlock<AnyBlockType>;
    },
    async save(name, data, options = {}) {
      const ref = `${definition.slug}/${name}`;
      const parsed = parseBlockData(definition, ref, data, 'save') as JsonObject;
      return saveBlock(definition.slug, name, parsed as never, options);
    },
  };
  return helpers as unknown as BlockHelpers<TBlock>;
}
