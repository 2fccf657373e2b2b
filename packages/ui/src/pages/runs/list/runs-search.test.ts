import { describe, expect, it } from 'vitest';
import { hasFilters, runsFilter, validateRunsSearch } from './runs-search';

const NOW = Date.parse('2026-11-21T12:00:00.000Z');
const FLOW_ID = '01a1fd0d-0080-7102-a59e-eaf5302cf93d';

describe('the runs list search params', () => {
  it('turn into the server filter', () => {
    const search = validateRunsSearch({
      state: ['FAILED', 'CRASHED'],
      flow: [FLOW_ID],
      pool: ['prod'],
      tags: ['etl', 'nightly'],
      q: '  raven ',
      from: '24h',
      to: '2026-11-21T11:00:00.000Z',
    });
    expect(runsFilter(search, NOW)).toEqual({
      stateType: { any: ['FAILED', 'CRASHED'] },
      flowId: { any: [FLOW_ID] },
      workPoolName: { any: ['prod'] },
      tags: { all: ['etl', 'nightly'] },
      name: { like: 'raven' },
      expectedStartTime: {
        after: new Date('2026-11-20T12:00:00.000Z'),
        before: new Date('2026-11-21T11:00:00.000Z'),
      },
    });
  });

  it('accept one value where a list is expected (a link typed by hand)', () => {
    const search = validateRunsSearch({ state: 'FAILED', stateName: 'Late' } as never);
    expect(runsFilter(search, NOW)).toEqual({ stateType: { any: ['FAILED'] }, stateName: { any: ['Late'] } });
  });

  it('filter nothing when empty, and say so', () => {
    const search = validateRunsSearch({ sort: 'NAME_ASC', page: 2 });
    expect(runsFilter(search, NOW)).toEqual({});
    expect(hasFilters(search)).toBe(false);
    expect(hasFilters(validateRunsSearch({ q: 'x' }))).toBe(true);
  });

  it('name the param that is wrong', () => {
    expect(() => validateRunsSearch({ state: ['NOPE'] } as never)).toThrow(/state\.0: Invalid option/);
    expect(() => validateRunsSearch({ from: 'yesterday' })).toThrow(
      /from: must be an ISO date-time or one of 1h/,
    );
    expect(() => validateRunsSearch({ flow: ['not-a-uuid'] })).toThrow(/flow\.0/);
  });
});
