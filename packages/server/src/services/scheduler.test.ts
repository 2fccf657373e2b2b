import type { Schedule } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import type { ServerLogger } from '../logger';
import { appRouter } from '../router';
import { insertDeploymentFixture, type ScheduleFixture } from '../schedules/testing/deployment-fixture';
import { createTestServer, type TestServer } from '../testing/create-test-server';
import { createTestClock } from '../testing/test-clock';
import { SCHEDULER_INTERVAL_SECONDS, scheduleDeploymentRuns, schedulerIntervalSeconds } from './scheduler';

const clock = createTestClock(new Date('2026-03-02T10:00:00.000Z'));
const warnings: Array<{ message: string; details?: Record<string, unknown> }> = [];
const logger: ServerLogger = { warn: (message, details) => warnings.push({ message, details }), error() {} };
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;
const scheduled: string[][] = [];

beforeAll(async () => {
  t = await createTestServer({ clock, logger });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'scheduled-flow' })).id;
  t.resources.events.on('flowRunsScheduled', ({ ids }) => scheduled.push(ids));
});
afterAll(() => t.close());

const hourly: Schedule = { interval: 3600, anchorDate: new Date('2026-01-01T00:00:00Z'), timezone: 'UTC' };

async function deployment(schedules: ScheduleFixture[], extra: { paused?: boolean; tags?: string[] } = {}) {
  return insertDeploymentFixture(t.resources.db, { flowId, schedules, ...extra });
}

async function runsOf(deploymentId: string) {
  return t.resources.db
    .selectFrom('flow_run')
    .selectAll()
    .where('deployment_id', '=', deploymentId)
    .orderBy('expected_start_time')
    .orderBy('id')
    .execute();
}

async function passAt(iso: string): Promise<string[]> {
  clock.set(new Date(iso));
  const before = scheduled.length;
  expect(await t.runService('scheduler')).toBe(true);
  return scheduled.slice(before).flat();
}

const isoTimes = (runs: Array<{ expected_start_time: Date | null }>) =>
  runs.map((run) => run.expected_start_time?.toISOString());

describe('the scheduler service', () => {
  it('inserts the runs of a schedule with their times, tags, parameters and keys', async () => {
    const { deploymentId, scheduleIds } = await insertDeploymentFixture(t.resources.db, {
      flowId,
      version: 'v7',
      tags: ['etl', 'auto-scheduled'],
      parameters: { a: 1, b: 2 },
      workPoolName: 'pool',
      workQueueName: 'default',
      schedules: [{ schedule: hourly, parameters: { b: 3 }, slug: 'every-hour' }],
    });
    const announced = await passAt('2026-03-02T10:00:00.000Z');
    const runs = await runsOf(deploymentId);
    // Three runs, the latest at least an hour ahead; the one exactly at now is included.
    expect(isoTimes(runs)).toEqual([
      '2026-03-02T10:00:00.000Z',
      '2026-03-02T11:00:00.000Z',
      '2026-03-02T12:00:00.000Z',
    ]);
    expect(announced.sort()).toEqual(runs.map((run) => run.id).sort());
    for (const run of runs) {
      expect(run).toMatchObject({
        flow_id: flowId,
        deployment_version: 'v7',
        work_pool_name: 'pool',
        work_queue_name: 'default',
        auto_scheduled: true,
        tags: ['auto-scheduled', 'etl'],
        parameters: { a: 1, b: 3 },
        created_by: { id: scheduleIds[0], type: 'SCHEDULE', displayValue: 'every-hour' },
        idempotency_key: `scheduled ${deploymentId} ${scheduleIds[0]} ${run.expected_start_time?.toISOString()}`,
        state_type: 'SCHEDULED',
        state_name: 'Scheduled',
      });
      expect(run.next_scheduled_start_time).toEqual(run.expected_start_time);
    }
    const read = await api.flowRuns.read({ id: runs[1]!.id });
    expect(read).toMatchObject({
      deploymentId,
      autoScheduled: true,
      expectedStartTime: new Date('2026-03-02T11:00:00.000Z'),
      state: {
        type: 'SCHEDULED',
        name: 'Scheduled',
        message: 'Flow run scheduled',
        timestamp: new Date('2026-03-02T10:00:00.000Z'),
        stateDetails: { scheduledTime: new Date('2026-03-02T11:00:00.000Z') },
      },
    });
    const states = await api.flowRuns.states({ id: runs[1]!.id });
    expect(states.map((state) => state.id)).toEqual([runs[1]!.state_id]);
  });

  it('fills a fast cron up to an hour ahead and a daily cron to three runs', async () => {
    const { deploymentId: fast } = await deployment([{ schedule: { cron: '*/5 * * * *', dayOr: true } }]);
    const { deploymentId: daily } = await deployment([
      { schedule: { cron: '0 9 * * *', timezone: 'Europe/Berlin', dayOr: true } },
    ]);
    await passAt('2026-03-02T10:02:00.000Z');
    const fastRuns = await runsOf(fast);
    // 10:05 to 11:05: the first run at least an hour after 10:02 ends the batch.
    expect(fastRuns).toHaveLength(13);
    expect(fastRuns[0]?.expected_start_time?.toISOString()).toBe('2026-03-02T10:05:00.000Z');
    expect(fastRuns.at(-1)?.expected_start_time?.toISOString()).toBe('2026-03-02T11:05:00.000Z');
    expect(fastRuns[0]?.created_by).toMatchObject({ displayValue: 'cron' });
    expect(isoTimes(await runsOf(daily))).toEqual([
      '2026-03-03T08:00:00.000Z',
      '2026-03-04T08:00:00.000Z',
      '2026-03-05T08:00:00.000Z',
    ]);
  });

  it('inserts nothing on a second pass at the same time', async () => {
    const { deploymentId } = await deployment([{ schedule: hourly }]);
    await passAt('2026-03-02T10:30:00.000Z');
    const first = await runsOf(deploymentId);
    expect(first).toHaveLength(3);
    expect(await passAt('2026-03-02T10:30:00.000Z')).toEqual([]);
    expect(await runsOf(deploymentId)).toEqual(first);
  });

  it('tops the runs up when the clock moves on, without duplicating a time', async () => {
    const { deploymentId } = await deployment([{ schedule: hourly }]);
    await passAt('2026-03-02T10:00:00.000Z');
    expect(await runsOf(deploymentId)).toHaveLength(3);
    // 10:00 and 11:00 are past; 12:00 is the only future run left, so the schedule is due.
    const announced = await passAt('2026-03-02T12:00:00.000Z');
    const runs = await runsOf(deploymentId);
    expect(isoTimes(runs)).toEqual([
      '2026-03-02T10:00:00.000Z',
      '2026-03-02T11:00:00.000Z',
      '2026-03-02T12:00:00.000Z',
      '2026-03-02T13:00:00.000Z',
      '2026-03-02T14:00:00.000Z',
    ]);
    expect(announced).toEqual(expect.arrayContaining(runs.slice(3).map((run) => run.id)));
    expect(announced).not.toContain(runs[2]!.id);
  });

  it('keeps the runs of each schedule apart, with each schedule its own parameters', async () => {
    const { deploymentId, scheduleIds } = await insertDeploymentFixture(t.resources.db, {
      flowId,
      parameters: { who: 'deployment' },
      schedules: [
        { schedule: hourly, parameters: { who: 'first' } },
        { schedule: hourly, parameters: { who: 'second' } },
      ],
    });
    await passAt('2026-03-02T10:00:00.000Z');
    const runs = await runsOf(deploymentId);
    expect(runs).toHaveLength(6);
    for (const [index, id] of scheduleIds.entries()) {
      const own = runs.filter((run) => run.created_by?.id === id);
      expect(own).toHaveLength(3);
      expect(own.every((run) => run.parameters.who === (index === 0 ? 'first' : 'second'))).toBe(true);
    }
  });

  it('gives paused deployments and inactive schedules nothing', async () => {
    const { deploymentId: paused } = await deployment([{ schedule: hourly }], { paused: true });
    const { deploymentId: inactive } = await deployment([{ schedule: hourly, active: false }]);
    await passAt('2026-03-02T10:00:00.000Z');
    expect(await runsOf(paused)).toEqual([]);
    expect(await runsOf(inactive)).toEqual([]);
    const now = new Date('2026-03-02T10:00:00.000Z');
    const inserted = await t.resources.db
      .transaction()
      .execute((trx) => scheduleDeploymentRuns(trx, { deploymentId: paused, now, resources: t.resources }));
    expect(inserted).toEqual([]);
  });

  it('skips a stored schedule that is not valid, with a warning, and schedules the rest', async () => {
    const bad = { cron: 'not a cron', dayOr: true } as Schedule;
    const { deploymentId, scheduleIds } = await deployment([{ schedule: bad }, { schedule: hourly }]);
    await passAt('2026-03-02T10:00:00.000Z');
    expect(await runsOf(deploymentId)).toHaveLength(3);
    expect(warnings).toContainEqual({
      message: 'Skipped a schedule that is not valid',
      details: expect.objectContaining({ scheduleId: scheduleIds[0], deploymentId }),
    });
  });

  it('never duplicates a run when passes and deployment scheduling run at once', async () => {
    const { deploymentId } = await deployment([{ schedule: { cron: '*/10 * * * *', dayOr: true } }]);
    clock.set(new Date('2026-03-02T10:00:00.000Z'));
    const now = clock();
    const direct = () =>
      t.resources.db
        .transaction()
        .execute((trx) => scheduleDeploymentRuns(trx, { deploymentId, now, resources: t.resources }));
    const [, , first, second] = await Promise.all([
      t.runService('scheduler'),
      t.runService('scheduler'),
      direct(),
      direct(),
    ]);
    const runs = await runsOf(deploymentId);
    expect(isoTimes(runs)).toEqual(
      Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 2, 2, 10, i * 10)).toISOString()),
    );
    expect(new Set(runs.map((run) => run.idempotency_key)).size).toBe(7);
    // Whoever inserted a run reported it; nobody reported a run it did not insert.
    expect([...first, ...second].every((id) => runs.some((run) => run.id === id))).toBe(true);
  });

  it('schedules one deployment at once through scheduleDeploymentRuns, and only it', async () => {
    const { deploymentId: target } = await deployment([{ schedule: hourly }]);
    const { deploymentId: other } = await deployment([{ schedule: hourly }]);
    const now = new Date('2026-03-02T10:00:00.000Z');
    const ids = await t.resources.db
      .transaction()
      .execute((trx) => scheduleDeploymentRuns(trx, { deploymentId: target, now, resources: t.resources }));
    expect(ids.sort()).toEqual((await runsOf(target)).map((run) => run.id).sort());
    expect(ids).toHaveLength(3);
    expect(await runsOf(other)).toEqual([]);
  });
});

describe('schedulerIntervalSeconds', () => {
  it('is 60 by default and follows WEFT_SCHEDULER_INTERVAL_SECONDS', () => {
    expect(schedulerIntervalSeconds({})).toBe(SCHEDULER_INTERVAL_SECONDS);
    expect(SCHEDULER_INTERVAL_SECONDS).toBe(60);
    expect(schedulerIntervalSeconds({ WEFT_SCHEDULER_INTERVAL_SECONDS: '2.5' })).toBe(2.5);
  });

  it.each(['0', '-3', 'soon'])('rejects %s', (value) => {
    expect(() => schedulerIntervalSeconds({ WEFT_SCHEDULER_INTERVAL_SECONDS: value })).toThrow(ConfigError);
  });
});
