import { flow, getRunLogger, task } from '@weft/engine';
import { z } from 'zod';

/** A task: a plain async function whose runs are recorded. */
export const greet = task({ name: 'greet', retries: 1 }, async (name: string) => `Hello, ${name}!`);

/** A flow whose parameters are a zod schema: calls are validated and the schema is recorded. */
export const hello = flow(
  { name: 'hello', parameters: z.object({ name: z.string().default('world') }), logPrints: true },
  async ({ name }) => {
    const message = await greet(name);
    getRunLogger().info(`greeted ${name}`);
    console.log(message);
    return message;
  },
);
