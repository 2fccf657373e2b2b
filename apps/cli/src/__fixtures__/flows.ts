// Flows for the `weft run` tests: loaded by the CLI subprocess through tsx, like a user's file.
import { flow, getRunLogger, task } from '@weft/engine';

const shout = task('shout', async (text: string) => text.toUpperCase());

/** Greets `name` `times` times, through a task, and logs each greeting. */
export const greet = flow('greet', async (name: string, times: number) => {
  const logger = getRunLogger();
  const loud = await shout(name);
  const lines: string[] = [];
  for (let i = 0; i < times; i++) {
    lines.push(`hello ${loud}`);
    logger.info(`greeting ${i + 1}: hello ${loud}`);
  }
  return lines;
});

/** Exported under a different name than the flow's own. */
export const failing = flow('always-fails', async () => {
  throw new Error('the flow broke on purpose');
});

/** Not a flow: the CLI must ignore it. */
export const notAFlow = { kind: 'task' };
