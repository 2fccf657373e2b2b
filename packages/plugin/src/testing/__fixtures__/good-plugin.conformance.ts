import { z } from 'zod';
import { defineBlock } from '../../block-type';
import { definePlugin } from '../../plugin';
import { defineTask } from '../../plugin-task';
import { describePluginConformance } from '../describe-plugin-conformance';

const webhook = defineBlock({
  slug: 'web-hook',
  name: 'Webhook',
  schema: z.object({ url: z.url(), auth: z.object({ user: z.string(), password: z.string() }).optional() }),
  secrets: ['url', 'auth.password'],
  capabilities: ['notify'],
});
const ping = defineTask({ name: 'ping' }, async () => 'pong');

describePluginConformance(definePlugin({ id: 'good', version: '1.0.0', blocks: [webhook], tasks: [ping] }), {
  examples: { 'web-hook': { url: 'https://example.com/hook' } },
});
