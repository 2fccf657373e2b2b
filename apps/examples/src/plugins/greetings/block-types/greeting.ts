import { defineBlock, type inferBlockConfig } from '@weft/plugin';
import { z } from 'zod';

/** The config of a greeting block: what to say, and the (secret) token of the service that says it. */
export const GreetingConfig = z.object({
  greeting: z.string().min(1).default('Hello'),
  punctuation: z.enum(['!', '.']).default('!'),
  token: z.string().min(1).describe('API token of the greeting service'),
});

/** A block type with a secret field and a method; documents are loaded as `greeting/<name>`. */
export const greeting = defineBlock({
  slug: 'greeting',
  name: 'Greeting',
  description: 'How to greet someone, and the token of the service that delivers it.',
  schema: GreetingConfig,
  secrets: ['token'],
  capabilities: ['notify'],
  methods: {
    /** The greeting text for a name; never includes the token. */
    format: (config, name: string) => `${config.greeting}, ${name}${config.punctuation}`,
  },
});

/** A greeting block's config. */
export type GreetingBlockConfig = inferBlockConfig<typeof greeting>;

declare module '@weft/plugin' {
  interface BlockTypeRegistry {
    greeting: typeof greeting;
  }
}
