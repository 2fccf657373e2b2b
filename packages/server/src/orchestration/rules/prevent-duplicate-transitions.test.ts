import { describe, expect, it } from 'vitest';
import { stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { preventDuplicateTransitions } from './prevent-duplicate-transitions';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
const REASON = 'This run has already made this state transition.';

describe('PreventDuplicateTransitions', () => {
  it.each(
    titled([
      {
        title: 'rejects PENDING→RUNNING that repeats the current transitionId, returning the current state',
        from: stateOf('Pending', { stateDetails: { transitionId: A } }),
        transitionId: A,
        expected: { status: 'REJECT', reason: REASON, written: null },
      },
      {
        title: 'accepts a proposal with another transitionId',
        from: stateOf('Pending', { stateDetails: { transitionId: A } }),
        transitionId: B,
        expected: { status: 'ACCEPT', reason: null, written: 'Running' },
      },
      {
        title: 'accepts when the current state has no transitionId',
        from: stateOf('Pending'),
        transitionId: A,
        expected: { status: 'ACCEPT', reason: null, written: 'Running' },
      },
      {
        title: 'accepts when the proposal has no transitionId',
        from: stateOf('Pending', { stateDetails: { transitionId: A } }),
        transitionId: undefined,
        expected: { status: 'ACCEPT', reason: null, written: 'Running' },
      },
      {
        title: 'accepts the first state of a run',
        from: null,
        transitionId: A,
        expected: { status: 'ACCEPT', reason: null, written: 'Running' },
      },
    ]),
  )('%s', (_title, { from, transitionId, expected }) => {
    const out = transitionThrough([preventDuplicateTransitions], {
      from,
      to: { type: 'RUNNING', stateDetails: { transitionId } },
    });
    expect(summarize(out)).toEqual(expected);
    if (expected.status === 'REJECT') expect(out.result.state).toBe(from);
  });
});
