import { describe, expect, it } from 'vitest';
import { stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { preventResultDataLoss } from './prevent-result-data-loss';

const RESULT = { storageKey: 'results/abc', serializer: { type: 'json' } };
const UNPERSISTED = { type: 'unpersisted' };

describe('PreventResultDataLoss', () => {
  it.each(
    titled([
      {
        title: 'rejects COMPLETED→COMPLETED without data over a persisted result',
        from: RESULT,
        to: null,
        reject: true,
      },
      {
        title: 'rejects COMPLETED→COMPLETED(unpersisted) over a persisted result',
        from: RESULT,
        to: UNPERSISTED,
        reject: true,
      },
      { title: 'accepts COMPLETED→COMPLETED that carries a result', from: RESULT, to: RESULT, reject: false },
      {
        title: 'accepts COMPLETED→COMPLETED when the current state has no data',
        from: null,
        to: null,
        reject: false,
      },
      {
        title: 'accepts COMPLETED→COMPLETED over an unpersisted result',
        from: UNPERSISTED,
        to: null,
        reject: false,
      },
    ]),
  )('%s', (_title, { from, to, reject }) => {
    const out = transitionThrough([preventResultDataLoss], {
      from: stateOf('Completed', { data: from }),
      to: { type: 'COMPLETED', data: to },
    });
    const expected = reject
      ? { status: 'REJECT', reason: 'Run is already COMPLETED.', written: null }
      : { status: 'ACCEPT', reason: null, written: 'Completed' };
    expect(summarize(out)).toEqual(expected);
  });

  it('accepts COMPLETED→RUNNING (a re-run is not its business)', () => {
    const out = transitionThrough([preventResultDataLoss], {
      from: stateOf('Completed', { data: RESULT }),
      to: { type: 'RUNNING' },
    });
    expect(out.result.status).toBe('ACCEPT');
  });
});
