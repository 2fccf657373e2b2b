import { flow, task } from '@weft/engine';

export const flaky = task({ name: 'always-fails' }, async () => {
  throw new Error('the upstream API answered 503');
});

/** A flow with a failing task: its run ends FAILED with the task's error. */
export const failing = flow({ name: 'failing' }, async () => {
  await flaky();
});
