import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtime } from '../context/runtime';
import { flow } from '../flows/flow';
import { task } from '../tasks/task';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import {
  createImageArtifact,
  createLinkArtifact,
  createMarkdownArtifact,
  createProgressArtifact,
  createTableArtifact,
  updateProgressArtifact,
} from './artifacts';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
});
afterAll(() => t?.close());

const read = (id: string) => t.client.artifacts.read.query({ id });

describe('artifacts', () => {
  it('carry the flow run id, and inside a task the task run id too', async () => {
    const report = task({ name: 'report-task' }, async () => ({
      id: await createMarkdownArtifact('# From a task', { key: 'task-report', description: 'tasky' }),
      taskRunId: runtime.taskRun.id,
    }));
    const outcome = await flow({ name: 'artifact-flow' }, async () => {
      const inFlow = await createMarkdownArtifact('# From the flow');
      return { inFlow, inTask: await report() };
    }).returnState();
    const { inFlow, inTask } = (await outcome.result()) as {
      inFlow: string;
      inTask: { id: string; taskRunId: string };
    };
    expect(await read(inFlow)).toMatchObject({ flowRunId: outcome.flowRunId, taskRunId: null });
    const fromTask = await read(inTask.id);
    expect(fromTask).toMatchObject({
      key: 'task-report',
      type: 'markdown',
      description: 'tasky',
      flowRunId: outcome.flowRunId,
      taskRunId: inTask.taskRunId,
    });
    const [taskRun] = await t.taskRunsOf(outcome.flowRunId);
    expect(taskRun?.id).toBe(fromTask.taskRunId);
  });

  it('creates tables from rows, row lists and columns, with NaN as null', async () => {
    const rows = await read(await createTableArtifact([{ a: 1, b: Number.NaN }]));
    expect(rows.data).toEqual([{ a: 1, b: null }]);
    const lists = await read(await createTableArtifact([[1, Number.POSITIVE_INFINITY]]));
    expect(lists.data).toEqual([[1, null]]);
    const columns = await read(await createTableArtifact({ a: [1, 2], b: ['x'] }));
    expect(columns).toMatchObject({
      type: 'table',
      data: [
        { a: 1, b: 'x' },
        { a: 2, b: null },
      ],
    });
  });

  it('creates links as markdown and images as URLs, outside any run', async () => {
    const link = await read(await createLinkArtifact('https://example.com', { linkText: 'Example' }));
    expect(link).toMatchObject({ type: 'link', data: '[Example](https://example.com)', flowRunId: null });
    const bare = await read(await createLinkArtifact('https://example.com/a'));
    expect(bare.data).toBe('[https://example.com/a](https://example.com/a)');
    const image = await read(await createImageArtifact('https://example.com/chart.png', { key: 'chart' }));
    expect(image).toMatchObject({ type: 'image', data: 'https://example.com/chart.png', key: 'chart' });
  });

  it('creates and updates progress, clamped to 0–100', async () => {
    const id = await createProgressArtifact(-5, { key: 'load' });
    expect((await read(id)).data).toBe(0);
    await updateProgressArtifact(id, 42);
    expect((await read(id)).data).toBe(42);
    await updateProgressArtifact(id, 250);
    expect((await read(id)).data).toBe(100);
    expect((await t.client.artifacts.readLatest.query({ key: 'load' })).id).toBe(id);
  });

  it('throws the server error naming the field for a bad key, creating nothing', async () => {
    const before = await t.client.artifacts.count.query({});
    await expect(createMarkdownArtifact('x', { key: 'Bad Key' })).rejects.toThrow(/key: /);
    expect(await t.client.artifacts.count.query({})).toBe(before);
  });
});
