import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineBlock } from './block-type';
import { definePlugin } from './plugin';
import { defineTask } from './plugin-task';

const note = defineBlock({ slug: 'note', name: 'Note', schema: z.object({ text: z.string() }) });
const shout = defineTask({ name: 'shout', description: 'Upper-cases' }, (text: string) => text.toUpperCase());

describe('defineTask', () => {
  it('keeps the name, description and typed function', async () => {
    expect(shout).toMatchObject({ name: 'shout', description: 'Upper-cases', tags: [] });
    expect(await shout.fn('hi')).toBe('HI');
    expectTypeOf(shout.fn).parameters.toEqualTypeOf<[string]>();
    expectTypeOf(shout.name).toEqualTypeOf<'shout'>();
  });

  it('rejects a name that is not kebab-case and a missing function', () => {
    expect(() => defineTask({ name: 'Send Message' }, () => 1)).toThrow(
      'Invalid task "Send Message": name "Send Message" must be kebab-case',
    );
    expect(() => defineTask({ name: 'send' }, undefined as never)).toThrow('fn must be a function');
  });
});

describe('definePlugin', () => {
  it('keeps its block types and tasks as typed tuples', () => {
    const plugin = definePlugin({ id: 'notes', version: '1.0.0', blocks: [note], tasks: [shout] });
    expect(plugin).toMatchObject({ id: 'notes', version: '1.0.0', blocks: [note], tasks: [shout] });
    expectTypeOf(plugin.blocks[0].slug).toEqualTypeOf<'note'>();
    expect(definePlugin({ id: 'empty', version: '0.0.1' })).toMatchObject({ blocks: [], tasks: [] });
  });

  it('rejects a bad id, an empty version, and a slug or task listed twice', () => {
    expect(() => definePlugin({ id: 'Notes', version: '1' })).toThrow('Invalid plugin "Notes": id "Notes"');
    expect(() => definePlugin({ id: 'notes', version: '' })).toThrow('version must be a non-empty string');
    expect(() => definePlugin({ id: 'notes', version: '1', blocks: [note, note] })).toThrow(
      'Invalid plugin "notes": block type "note" is listed twice',
    );
    expect(() => definePlugin({ id: 'notes', version: '1', tasks: [shout, shout] })).toThrow(
      'task "shout" is listed twice',
    );
    const fake = { slug: 'fake', name: 'Fake' } as unknown as typeof note;
    expect(() => definePlugin({ id: 'notes', version: '1', blocks: [fake] })).toThrow(
      'block type "fake" was not made by defineBlock()',
    );
  });
});
