import type { PluginTask } from '@weft/plugin';
import { task } from './task';
import type { Task, TaskOptions } from './task-types';

/**
 * Run a plugin's task (`defineTask` in `@weft/plugin`) as an engine task: its runs get retries,
 * caching, timeouts and recording like any other, named after the plugin task and tagged with
 * its tags. Options given here (retries, cache policy…) are added to them.
 * @example
 * import { sendMessage } from '@weft/slack';
 * const send = pluginTask(sendMessage, { retries: 2 });
 * await send(config, '#ops', 'deployed');
 */
export function pluginTask<TArgs extends unknown[], TReturn>(
  definition: PluginTask<string, TArgs, TReturn>,
  options: Omit<TaskOptions, 'name'> = {},
): Task<TArgs, Awaited<TReturn>> {
  return task(
    {
      ...options,
      name: definition.name,
      ...(definition.description && { description: definition.description }),
      tags: [...new Set([...definition.tags, ...(options.tags ?? [])])],
    },
    definition.fn,
  );
}
