import { describe, expect, it } from 'vitest';
import { stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { ensureOnlyScheduledFlowsMarkedLate } from './ensure-only-scheduled-flows-marked-late';

const NOT_SCHEDULED = 'Only scheduled flows can be marked late.';

describe('EnsureOnlyScheduledFlowsMarkedLate', () => {
  it.each(
    titled([
      {
        title: 'rejects RUNNING→Late',
        from: stateOf('Running'),
        name: 'Late',
        expected: { status: 'REJECT', reason: NOT_SCHEDULED, written: null },
      },
      {
        title: 'rejects PENDING→Late',
        from: stateOf('Pending'),
        name: 'Late',
        expected: { status: 'REJECT', reason: NOT_SCHEDULED, written: null },
      },
      {
        title: 'rejects Late→Late (a run is marked late once)',
        from: stateOf('Late'),
        name: 'Late',
        expected: { status: 'REJECT', reason: 'This run is already marked late.', written: null },
      },
      {
        title: 'accepts Scheduled→Late',
        from: stateOf('Scheduled'),
        name: 'Late',
        expected: { status: 'ACCEPT', reason: null, written: 'Late' },
      },
      {
        title: 'accepts RUNNING→AwaitingRetry (not Late)',
        from: stateOf('Running'),
        name: 'AwaitingRetry',
        expected: { status: 'ACCEPT', reason: null, written: 'AwaitingRetry' },
      },
    ]),
  )('%s', (_title, { from, name, expected }) => {
    const out = transitionThrough([ensureOnlyScheduledFlowsMarkedLate], {
      from,
      to: { type: 'SCHEDULED', name },
    });
    expect(summarize(out)).toEqual(expected);
  });
});
