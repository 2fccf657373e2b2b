import { z } from 'zod';
import { defineBlock } from '../../block-type';
import type { AnyPlugin } from '../../plugin';
import { describePluginConformance } from '../describe-plugin-conformance';

// A hand-written plugin that skipped definePlugin's checks: the conformance suite must catch each flaw.
const valid = defineBlock({
  slug: 'valid',
  name: 'Valid',
  schema: z.object({ token: z.string() }),
  secrets: ['token'],
});
const broken: AnyPlugin = {
  id: 'Broken_Plugin',
  version: '1.0.0',
  blocks: [
    { ...valid, slug: 'Bad Slug', secrets: ['missing'] },
    { ...valid, slug: 'dated', schema: z.object({ at: z.date() }) },
  ],
  tasks: [{ name: 'Bad Task', description: '', tags: [], fn: () => 1 }],
};

describePluginConformance(broken, { examples: { 'Bad Slug': { token: 42 } } });
