import { defineTask } from '@weft/plugin';
import { type GreetingBlockConfig, greeting } from '../block-types/greeting';

/** What {@link sendGreeting} returns: the text sent and to whom. */
export interface SentGreeting {
  to: string;
  text: string;
}

/**
 * A plugin task: greets `to` with a greeting block's config. The delivery is left out on purpose:
 * this sample only shows the contract.
 */
export const sendGreeting = defineTask(
  { name: 'send-greeting', description: 'Greets someone with a greeting block' },
  async (config: GreetingBlockConfig, to: string): Promise<SentGreeting> => ({
    to,
    text: greeting.methods.format(config, to),
  }),
);
