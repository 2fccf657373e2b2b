import type { DeploymentScheduleInput } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock(new Date('2026-03-01T12:00:00.000Z'));

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

const hourly = { interval: 3600 };
const daily = { cron: '0 9 * * *', timezone: 'Europe/Berlin' };

async function deploy(name: string, schedules?: DeploymentScheduleInput[]) {
  return api.deployments.create({ flowName: 'scheduled', name, ...(schedules && { schedules }) });
}

function bySlug(deployment: Awaited<ReturnType<typeof deploy>>) {
  return Object.fromEntries(deployment.schedules.map((s) => [s.slug, s]));
}

async function scheduledRuns(deploymentId: string) {
  return api.flowRuns.list({ filter: { deploymentId: { any: [deploymentId] }, autoScheduled: true } });
}

describe('deployment schedules by slug', () => {
  /** @see https://github.com/PrefectHQ/prefect/issues/14524 */
  it('keeps per-schedule parameters and active flags when redeployed without them', async () => {
    const first = await deploy('keep', [
      { slug: 'a', schedule: hourly, parameters: { x: 1 }, active: false },
      { slug: 'b', schedule: daily, parameters: { y: 2 } },
    ]);
    const again = await deploy('keep', [
      { slug: 'a', schedule: { interval: 7200 } },
      { slug: 'b', schedule: daily },
    ]);
    const [before, after] = [bySlug(first), bySlug(again)];
    expect(after.a).toMatchObject({ id: before.a?.id, active: false, parameters: { x: 1 } });
    expect(after.a?.schedule).toMatchObject({ interval: 7200 });
    expect(after.b).toMatchObject({ id: before.b?.id, active: true, parameters: { y: 2 } });
  });

  it('keeps an interval schedule anchored where it was when given again without an anchor', async () => {
    const first = await deploy('anchor', [{ slug: 'a', schedule: hourly }]);
    clock.advance(1234);
    const again = await deploy('anchor', [{ slug: 'a', schedule: hourly }]);
    const anchorOf = (d: typeof first) =>
      (d.schedules[0]?.schedule as { anchorDate?: Date } | undefined)?.anchorDate;
    expect(anchorOf(first)).toBeInstanceOf(Date);
    expect(anchorOf(again)).toEqual(anchorOf(first));
  });

  it('renames a schedule with replaces, keeping its id and parameters, and drops the unmatched', async () => {
    const first = await deploy('rename', [
      { slug: 'a', schedule: hourly, parameters: { x: 1 } },
      { slug: 'b', schedule: daily },
      { slug: 'c', schedule: daily },
    ]);
    const again = await deploy('rename', [
      { slug: 'b', replaces: 'a', schedule: hourly },
      { slug: 'z', replaces: 'b', schedule: daily },
    ]);
    const [before, after] = [bySlug(first), bySlug(again)];
    expect(Object.keys(after).sort()).toEqual(['b', 'z']);
    expect(after.b).toMatchObject({ id: before.a?.id, parameters: { x: 1 } });
    expect(after.z?.id).toBe(before.b?.id);
  });

  it('refuses two schedules replacing one slug, naming the field, and changes nothing', async () => {
    const first = await deploy('dup', [{ slug: 'a', schedule: hourly }]);
    await expect(
      deploy('dup', [
        { slug: 'b', replaces: 'a', schedule: hourly },
        { slug: 'c', replaces: 'a', schedule: hourly },
      ]),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'schedules.1.replaces: two schedules replace "a"',
    });
    await expect(
      deploy('dup', [
        { slug: 'b', schedule: hourly },
        { slug: 'b', schedule: daily },
      ]),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'schedules.1.slug: duplicate slug "b"' });
    expect((await api.deployments.read({ id: first.id })).schedules).toEqual(first.schedules);
  });

  it('refuses renaming onto the slug of a schedule that stays', async () => {
    await deploy('onto', [
      { slug: 'a', schedule: hourly },
      { slug: 'b', schedule: daily },
    ]);
    await expect(deploy('onto', [{ slug: 'b', replaces: 'a', schedule: hourly }])).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('schedules.0.slug: cannot rename schedule "a" to "b"'),
    });
  });

  it('asks for a slug on every schedule once the stored ones have slugs', async () => {
    await deploy('need-slug', [{ slug: 'a', schedule: hourly }]);
    await expect(
      deploy('need-slug', [{ slug: 'a', schedule: hourly }, { schedule: daily }]),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^schedules\.1\.slug: Please provide a slug for each schedule/),
    });
  });

  it('drops and recreates schedules without slugs; keeps them when schedules are left out', async () => {
    const first = await deploy('plain', [{ schedule: hourly, parameters: { x: 1 } }]);
    const kept = await deploy('plain');
    expect(kept.schedules).toEqual(first.schedules);
    const again = await deploy('plain', [{ schedule: daily }]);
    expect(again.schedules).toHaveLength(1);
    expect(again.schedules[0]?.id).not.toBe(first.schedules[0]?.id);
    expect(again.schedules[0]?.parameters).toEqual({});
    expect((await deploy('plain', [])).schedules).toEqual([]);
  });
});

describe('schedule procedures', () => {
  it('creates, updates partially, lists and deletes a schedule', async () => {
    const deployment = await deploy('procedures');
    const created = await api.deployments.createSchedule({
      deploymentId: deployment.id,
      schedule: hourly,
      parameters: { x: 1 },
      slug: 'h',
    });
    // A toggle never wipes the parameters (Prefect #17982).
    const toggled = await api.deployments.updateSchedule({
      deploymentId: deployment.id,
      id: created.id,
      active: false,
    });
    expect(toggled).toMatchObject({ active: false, parameters: { x: 1 }, slug: 'h' });
    await expect(
      api.deployments.createSchedule({ deploymentId: deployment.id, schedule: daily, slug: 'h' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      api.deployments.createSchedule({ deploymentId: deployment.id, schedule: { rrule: 'FREQ=SOMETIMES' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^schedule\.rrule: /) });
    expect(await api.deployments.listSchedules({ deploymentId: deployment.id })).toHaveLength(1);
    await api.deployments.deleteSchedule({ deploymentId: deployment.id, id: created.id });
    expect(await api.deployments.listSchedules({ deploymentId: deployment.id })).toEqual([]);
    await expect(
      api.deployments.deleteSchedule({ deploymentId: deployment.id, id: created.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('scheduled runs follow the deployment', () => {
  it('makes runs at once, removes them on pause and makes them again on resume', async () => {
    const deployment = await deploy('pausing', [{ slug: 'h', schedule: hourly, parameters: { p: 1 } }]);
    const runs = await scheduledRuns(deployment.id);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.every((run) => run.stateName === 'Scheduled' && run.parameters.p === 1)).toBe(true);
    const paused = await api.deployments.pause({ id: deployment.id });
    expect(paused.paused).toBe(true);
    expect(await scheduledRuns(deployment.id)).toEqual([]);
    await api.deployments.resume({ id: deployment.id });
    expect((await scheduledRuns(deployment.id)).length).toBe(runs.length);
  });

  it('replaces unstarted auto-scheduled runs on update, keeping runs that started or are Late', async () => {
    const deployment = await deploy('regenerate', [{ slug: 'h', schedule: hourly, parameters: { v: 1 } }]);
    const [first, second] = await scheduledRuns(deployment.id);
    if (!first || !second) throw new Error('expected scheduled runs');
    await api.flowRuns.setState({ id: first.id, state: { type: 'PENDING' } });
    await api.flowRuns.setState({ id: second.id, state: { type: 'SCHEDULED', name: 'Late' } });
    await api.deployments.update({
      id: deployment.id,
      schedules: [{ slug: 'h', schedule: hourly, parameters: { v: 2 } }],
    });
    const after = await scheduledRuns(deployment.id);
    const ids = after.map((run) => run.id);
    expect(ids).toContain(first.id);
    expect(ids).toContain(second.id);
    const fresh = after.filter((run) => run.id !== first.id && run.id !== second.id);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((run) => run.parameters.v === 2)).toBe(true);
  });
});
