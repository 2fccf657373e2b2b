import { type State, type StateType, uuid7 } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as keyMigration from '../../db/migrations/2026-11-21-009-task-run-flow-run-key';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';

// task_run has no foreign key to flow_run (migration 009): the writes check and lock the flow
// run themselves, and deleting a flow run deletes its task runs. These pin both, under
// concurrency too, where a check without the lock would leave task runs of a deleted run behind.

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;

function state(type: StateType): State {
  const name = type.charAt(0) + type.slice(1).toLowerCase();
  return { id: uuid7(), type, name, timestamp: new Date(), message: null, stateDetails: {}, data: null };
}

function batchOf(flowRunId: string, size: number) {
  const taskRuns = Array.from({ length: size }, (_, i) => ({
    id: uuid7(),
    name: `t-${i}`,
    flowRunId,
    taskKey: 't',
    dynamicKey: String(i),
  }));
  const states = taskRuns.flatMap((run) => [
    { taskRunId: run.id, state: state('RUNNING') },
    { taskRunId: run.id, state: state('COMPLETED') },
  ]);
  return { taskRuns, states };
}

async function orphans(): Promise<{ taskRuns: number; states: number }> {
  const { db } = t.resources;
  const runs = await sql<{ n: number }>`
    select count(*)::int as n from task_run t
    where t.flow_run_id is not null and not exists (select 1 from flow_run f where f.id = t.flow_run_id)`.execute(
    db,
  );
  const states = await sql<{ n: number }>`
    select count(*)::int as n from task_run_state s
    where not exists (select 1 from task_run t where t.id = s.task_run_id)`.execute(db);
  return { taskRuns: runs.rows[0]!.n, states: states.rows[0]!.n };
}

beforeAll(async () => {
  t = await createTestServer();
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'flow-run-check' })).id;
});
afterAll(() => t.close());

describe('task runs of a flow run, without a foreign key', () => {
  it('refuse a deleted flow run in a batch and in create, writing nothing', async () => {
    const flowRunId = (await api.flowRuns.create({ flowId })).id;
    await api.flowRuns.delete({ id: flowRunId });
    const batch = batchOf(flowRunId, 3);
    await expect(api.taskRuns.recordBatch(batch)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Flow run ${flowRunId} not found`,
    });
    await expect(api.taskRuns.create(batch.taskRuns[0]!)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Flow run ${flowRunId} not found`,
    });
    expect(await api.taskRuns.count({ filter: { flowRunId: { any: [flowRunId] } } })).toBe(0);
    expect(await orphans()).toEqual({ taskRuns: 0, states: 0 });
  });

  it('go with their flow run when it is deleted, states and logs too', async () => {
    const flowRunId = (await api.flowRuns.create({ flowId })).id;
    const batch = batchOf(flowRunId, 5);
    await api.taskRuns.recordBatch(batch);
    await api.logs.create([
      {
        name: 'x',
        level: 20,
        message: 'from a task',
        timestamp: new Date(),
        taskRunId: batch.taskRuns[0]!.id,
      },
    ]);
    await api.flowRuns.delete({ id: flowRunId });
    expect(await api.taskRuns.count({ filter: { flowRunId: { any: [flowRunId] } } })).toBe(0);
    expect(await orphans()).toEqual({ taskRuns: 0, states: 0 });
    expect(await api.logs.list({ filter: { taskRunId: { any: [batch.taskRuns[0]!.id] } } })).toEqual([]);
  });

  it('never outlive their flow run when a batch and the delete race', async () => {
    const outcomes = { recorded: 0, refused: 0 };
    for (let i = 0; i < 12; i++) {
      const flowRunId = (await api.flowRuns.create({ flowId })).id;
      const batch = batchOf(flowRunId, 200);
      const [recorded] = await Promise.allSettled([
        // Staggered so that on Postgres either may start first.
        new Promise((resolve) => setTimeout(resolve, i % 3)).then(() => api.taskRuns.recordBatch(batch)),
        new Promise((resolve) => setTimeout(resolve, (i + 1) % 3)).then(() =>
          api.flowRuns.delete({ id: flowRunId }),
        ),
      ]);
      if (recorded.status === 'fulfilled') outcomes.recorded += 1;
      else {
        expect(recorded.reason).toMatchObject({ code: 'NOT_FOUND' });
        outcomes.refused += 1;
      }
      expect(await orphans()).toEqual({ taskRuns: 0, states: 0 });
    }
    expect(outcomes.recorded + outcomes.refused).toBe(12);
  });

  it('migration 009 goes down (dropping task runs of missing flow runs) and up again', async () => {
    const { db } = t.resources;
    const flowRunId = (await api.flowRuns.create({ flowId })).id;
    const kept = batchOf(flowRunId, 2);
    await api.taskRuns.recordBatch(kept);
    // A task run whose flow run is gone, as only a write outside Weft could leave it.
    const stray = uuid7();
    await sql`insert into task_run (id, name, flow_run_id, task_key, dynamic_key)
      values (${stray}::uuid, 'stray', ${uuid7()}::uuid, 'stray', '0')`.execute(db);
    await sql`insert into task_run_state (id, task_run_id, type, name, timestamp)
      values (${uuid7()}::uuid, ${stray}::uuid, 'RUNNING', 'Running', now())`.execute(db);
    try {
      await keyMigration.down(db as unknown as Kysely<unknown>);
      await expect(api.taskRuns.read({ id: stray })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await orphans()).toEqual({ taskRuns: 0, states: 0 });
      expect(await api.taskRuns.count({ filter: { flowRunId: { any: [flowRunId] } } })).toBe(2);
      await expect(
        sql`insert into task_run (id, name, flow_run_id, task_key, dynamic_key)
          values (${uuid7()}::uuid, 'stray', ${uuid7()}::uuid, 'stray', '0')`.execute(db),
      ).rejects.toThrow(/foreign key/);
    } finally {
      await keyMigration.up(db as unknown as Kysely<unknown>);
    }
  });
});
