// A plugin as an integration package writes it, type-checked against the packed @weft/plugin.
import {
  type AnyPlugin,
  createRegistry,
  defineBlock,
  definePlugin,
  defineTask,
  type Registry,
} from '@weft/plugin';
import { z } from 'zod';

export const greeting = defineBlock({
  slug: 'welcome',
  name: 'Welcome',
  schema: z.object({ greeting: z.string().default('Hello'), token: z.string() }),
  secrets: ['token'],
  methods: { format: (config, name: string) => `${config.greeting}, ${name}!` },
});
export const sendGreeting = defineTask({ name: 'send-greeting' }, async (to: string) => `Hello, ${to}!`);
export const greetings = () =>
  definePlugin({ id: 'greetings', version: '1.0.0', blocks: [greeting], tasks: [sendGreeting] });

declare module '@weft/plugin' {
  interface BlockTypeRegistry {
    welcome: typeof greeting;
  }
}

// A registry typed as widely as possible: only the module augmentation makes these lines compile.
const registry: Registry = createRegistry({ plugins: [greetings()] as AnyPlugin[] });
const slug: 'welcome' = registry.block('welcome').slug;
const text: string = registry.block('welcome').methods.format({ greeting: 'Hi', token: 't' }, 'Ada');
const [spec] = await registry.blockTypeSpecs();
console.log(JSON.stringify({ slug, text, secretFields: spec?.secretFields, checksum: spec?.checksum }));
