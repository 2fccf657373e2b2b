import { definePlugin } from '@weft/plugin';
import { greeting } from './block-types/greeting';
import { sendGreeting } from './tasks/send-greeting';
import { VERSION } from './version';

/**
 * The sample plugin: one block type (`greeting`, secret `token`) and one task (`send-greeting`).
 * Register it explicitly: `createRegistry({ plugins: [greetings()] })`.
 */
export const greetings = () =>
  definePlugin({ id: 'greetings', version: VERSION, blocks: [greeting], tasks: [sendGreeting] });

export default greetings;
export type { GreetingBlockConfig } from './block-types/greeting';
export { GreetingConfig, greeting } from './block-types/greeting';
export type { SentGreeting } from './tasks/send-greeting';
export { sendGreeting } from './tasks/send-greeting';
