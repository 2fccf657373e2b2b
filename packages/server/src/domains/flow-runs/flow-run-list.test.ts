import type { FlowRunListInput } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

const clock = createTestClock(new Date('2026-03-01T00:00:00.000Z'));
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const ids: Record<string, string> = {};

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 0, minutes));

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  const alpha = await api.flows.create({ name: 'alpha' });
  const beta = await api.flows.create({ name: 'beta' });
  const make = async (name: string, flowId: string, minutes: number, tags: string[], version?: string) => {
    const run = await api.flowRuns.create({
      flowId,
      name,
      tags,
      flowVersion: version ?? null,
      state: { type: 'SCHEDULED', stateDetails: { scheduledTime: at(minutes) } },
    });
    ids[name] = run.id;
  };
  await make('run-a', alpha.id, 10, ['prod', 'eu'], 'v1');
  await make('run-b', alpha.id, 20, ['prod']);
  await make('Other-c', beta.id, 30, []);
  await make('run-d', beta.id, 40, ['dev'], 'v2');
  await api.flowRuns.setState({ id: ids['run-b']!, state: { type: 'PENDING' } });
});
afterAll(() => t.close());

async function names(input: FlowRunListInput): Promise<string[]> {
  return (await api.flowRuns.list({ sort: 'EXPECTED_START_TIME_ASC', ...input })).map((run) => run.name);
}

describe('flowRuns.list', () => {
  it('filters by id any / notAny', async () => {
    expect(await names({ filter: { id: { any: [ids['run-a']!, ids['run-d']!] } } })).toEqual([
      'run-a',
      'run-d',
    ]);
    expect(await names({ filter: { id: { notAny: [ids['run-a']!] } } })).toEqual([
      'run-b',
      'Other-c',
      'run-d',
    ]);
  });

  it('filters text with like (case-insensitive), startsWith, any and isNull', async () => {
    expect(await names({ filter: { name: { like: 'OTHER' } } })).toEqual(['Other-c']);
    expect(await names({ filter: { name: { startsWith: 'run-' } } })).toEqual(['run-a', 'run-b', 'run-d']);
    expect(await names({ filter: { flowName: { any: ['beta'] } } })).toEqual(['Other-c', 'run-d']);
    expect(await names({ filter: { flowVersion: { isNull: true } } })).toEqual(['run-b', 'Other-c']);
    expect(await names({ filter: { flowVersion: { notAny: ['v1'] } } })).toEqual([
      'run-b',
      'Other-c',
      'run-d',
    ]);
  });

  it('filters tags with all, any and isNull', async () => {
    expect(await names({ filter: { tags: { all: ['prod', 'eu'] } } })).toEqual(['run-a']);
    expect(await names({ filter: { tags: { any: ['eu', 'dev'] } } })).toEqual(['run-a', 'run-d']);
    expect(await names({ filter: { tags: { isNull: true } } })).toEqual(['Other-c']);
  });

  it('filters times with inclusive before and after', async () => {
    expect(await names({ filter: { expectedStartTime: { after: at(20), before: at(30) } } })).toEqual([
      'run-b',
      'Other-c',
    ]);
    expect(await names({ filter: { nextScheduledStartTime: { isNull: true } } })).toEqual(['run-b']);
  });

  it('filters state type and name, and combines with or', async () => {
    expect(await names({ filter: { stateType: { any: ['PENDING'] } } })).toEqual(['run-b']);
    expect(await names({ filter: { stateType: { notAny: ['SCHEDULED'] } } })).toEqual(['run-b']);
    expect(await names({ filter: { stateName: { any: ['Scheduled'] } } })).toEqual([
      'run-a',
      'Other-c',
      'run-d',
    ]);
    expect(
      await names({ filter: { operator: 'or', stateType: { any: ['PENDING'] }, tags: { any: ['dev'] } } }),
    ).toEqual(['run-b', 'run-d']);
    expect(await names({ filter: { stateType: { any: ['PENDING'] }, tags: { any: ['dev'] } } })).toEqual([]);
  });

  it('sorts, pages and counts', async () => {
    expect(await names({ sort: 'EXPECTED_START_TIME_DESC' })).toEqual(['run-d', 'Other-c', 'run-b', 'run-a']);
    expect(await names({ sort: 'NAME_ASC' })).toEqual(['Other-c', 'run-a', 'run-b', 'run-d']);
    expect(await names({ sort: 'NAME_DESC', limit: 2, offset: 1 })).toEqual(['run-b', 'run-a']);
    const byId = (await api.flowRuns.list({ sort: 'ID_DESC' })).map((run) => run.id);
    expect(byId).toEqual([...byId].sort().reverse());
    expect(await api.flowRuns.count({})).toBe(4);
    expect(await api.flowRuns.count({ filter: { tags: { any: ['prod'] } } })).toBe(2);
  });

  it('rejects a limit over 200 and unknown filter keys as BAD_REQUEST', async () => {
    await expect(api.flowRuns.list({ limit: 201 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^limit: /),
    });
    await expect(api.flowRuns.list({ filter: { nme: {} } as never })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
