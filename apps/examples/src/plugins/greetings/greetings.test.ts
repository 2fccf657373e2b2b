import {
  type AnyPlugin,
  createRegistry,
  definePlugin,
  defineTask,
  PluginConflictError,
  type Registry,
} from '@weft/plugin';
import { describePluginConformance } from '@weft/plugin/testing';
import { describe, expect, expectTypeOf, it } from 'vitest';
import greetingsDefault, {
  type GreetingBlockConfig,
  GreetingConfig,
  greeting,
  greetings,
  sendGreeting,
} from './index';

describePluginConformance(greetings(), { examples: { greeting: { token: 'secret-token' } } });

describe('the greetings plugin', () => {
  it('is the default export, and registers explicitly', () => {
    expect(greetingsDefault).toBe(greetings);
    const registry = createRegistry({ plugins: [greetings()] });
    expect(registry.block('greeting')).toBe(greeting);
    expect(registry.task('send-greeting')).toBe(sendGreeting);
  });

  it('types a lookup by slug through module augmentation, on any registry', () => {
    // A registry typed as widely as possible, as the server or engine receive it.
    const wide: Registry = createRegistry({ plugins: [greetings()] as AnyPlugin[] });
    expectTypeOf(wide.block('greeting')).toEqualTypeOf<typeof greeting>();
    expectTypeOf(wide.block('greeting').methods.format).parameters.toEqualTypeOf<
      [GreetingBlockConfig, string]
    >();
    expect(wide.block('greeting').methods.format(GreetingConfig.parse({ token: 't' }), 'Bo')).toBe(
      'Hello, Bo!',
    );
  });

  it('greets with the block config and never puts the token in the text', async () => {
    const config = GreetingConfig.parse({ token: 'secret-token' });
    const sent = await registry().task('send-greeting').fn(config, 'Ada');
    expect(sent).toEqual({ to: 'Ada', text: 'Hello, Ada!' });
    expect(JSON.stringify(sent)).not.toContain('secret-token');
  });

  it('describes the block to the server with the token as a secret field', async () => {
    const [spec] = await registry().blockTypeSpecs();
    expect(spec).toMatchObject({ slug: 'greeting', secretFields: ['token'], capabilities: ['notify'] });
    expect(spec?.schema).toMatchObject({ required: ['token'] });
  });

  it('refuses a second plugin with a send-greeting task, naming both plugins', () => {
    const copycat = definePlugin({
      id: 'copycat',
      version: '1.0.0',
      tasks: [defineTask({ name: 'send-greeting' }, () => 'hi')],
    });
    const create = () => createRegistry({ plugins: [greetings(), copycat] });
    expect(create).toThrow(PluginConflictError);
    expect(create).toThrow('The task "send-greeting" is declared by plugins "greetings" and "copycat"');
  });

  it('refuses a second plugin that also declares the greeting block type', () => {
    const fork = definePlugin({ id: 'greetings-fork', version: '1.0.0', blocks: [greeting] });
    expect(() => createRegistry({ plugins: [fork, greetings()] })).toThrow(
      'The block type "greeting" is declared by plugins "greetings-fork" and "greetings"',
    );
  });
});

const registry = () => createRegistry({ plugins: [greetings()] });
