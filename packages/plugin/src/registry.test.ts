import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineBlock } from './block-type';
import { PluginConflictError, PluginDefinitionError, PluginLookupError } from './errors';
import { definePlugin } from './plugin';
import { defineTask } from './plugin-task';
import { createRegistry } from './registry';

const note = defineBlock({ slug: 'note', name: 'Note', schema: z.object({ text: z.string() }) });
const memo = defineBlock({
  slug: 'memo',
  name: 'Memo',
  schema: z.object({ body: z.string(), pin: z.string() }),
  secrets: ['pin'],
});
const shout = defineTask({ name: 'shout' }, (text: string) => text.toUpperCase());
const notes = definePlugin({ id: 'notes', version: '1.0.0', blocks: [note], tasks: [shout] });
const memos = definePlugin({ id: 'memos', version: '2.0.0', blocks: [memo] });

describe('createRegistry', () => {
  it('looks block types and tasks up by slug and name, typed from the plugin tuple', () => {
    const registry = createRegistry({ plugins: [notes, memos] });
    const found = registry.block('memo');
    expect(found).toBe(memo);
    expectTypeOf(found).toEqualTypeOf<typeof memo>();
    expect(registry.task('shout')).toBe(shout);
    expectTypeOf(registry.task('shout').fn).parameters.toEqualTypeOf<[string]>();
    expect(registry.blockTypes().map((block) => block.slug)).toEqual(['note', 'memo']);
    expect(registry.ownerOf('block type', 'memo')).toBe('memos');
    expect(registry.ownerOf('task', 'shout')).toBe('notes');
  });

  it('answers undefined from find* and a NOT_FOUND error naming what exists from the lookups', () => {
    const registry = createRegistry({ plugins: [notes] });
    expect(registry.findBlock('memo')).toBeUndefined();
    expect(registry.findTask('whisper')).toBeUndefined();
    // @ts-expect-error: 'memo' is not a block type of this registry
    expect(() => registry.block('memo')).toThrow(PluginLookupError);
    expect(() => registry.findBlock('memo') ?? registry.block('note' as 'note')).not.toThrow();
    // @ts-expect-error: 'whisper' is not a task of this registry
    expect(() => registry.task('whisper')).toThrow(
      'No registered plugin declares the task "whisper" (known: "shout")',
    );
  });

  it('rejects a duplicate block-type slug, naming both plugins', () => {
    const copy = definePlugin({ id: 'other-notes', version: '1.0.0', blocks: [note] });
    const create = () => createRegistry({ plugins: [notes, memos, copy] });
    expect(create).toThrow(PluginConflictError);
    expect(create).toThrow('The block type "note" is declared by plugins "notes" and "other-notes"');
    try {
      create();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'CONFLICT',
        kind: 'block type',
        key: 'note',
        owners: ['notes', 'other-notes'],
      });
    }
  });

  it('rejects a duplicate task name, and the same plugin passed twice', () => {
    const copy = definePlugin({ id: 'loud', version: '1.0.0', tasks: [shout] });
    expect(() => createRegistry({ plugins: [notes, copy] })).toThrow(
      'The task "shout" is declared by plugins "notes" and "loud"',
    );
    expect(() => createRegistry({ plugins: [memos, memos] })).toThrow(
      'The block type "memo" is declared twice by plugin "memos"',
    );
  });

  it('checks plugins that were not made by definePlugin, naming the problem', () => {
    const handWritten = {
      id: 'hand-written',
      version: '1.0.0',
      blocks: [{ slug: 'raw', name: 'Raw' }],
      tasks: [],
    };
    expect(() => createRegistry({ plugins: [handWritten as never] })).toThrow(
      'Invalid plugin "hand-written": block type "raw" was not made by defineBlock()',
    );
    const noFn = { id: 'no-fn', version: '1.0.0', blocks: [], tasks: [{ name: 'run' }] };
    expect(() => createRegistry({ plugins: [noFn as never] })).toThrow('task "run" has no function (fn)');
    expect(() => createRegistry({ plugins: [{ id: 'No Id' } as never] })).toThrow(PluginDefinitionError);
  });

  it('describes every block type for the server', async () => {
    const specs = await createRegistry({ plugins: [notes, memos] }).blockTypeSpecs();
    expect(specs.map((spec) => [spec.slug, spec.secretFields])).toEqual([
      ['note', []],
      ['memo', ['pin']],
    ]);
  });
});
