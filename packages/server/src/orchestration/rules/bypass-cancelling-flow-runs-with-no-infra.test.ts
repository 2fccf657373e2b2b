import { describe, expect, it } from 'vitest';
import { stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { bypassCancellingFlowRunsWithNoInfra } from './bypass-cancelling-flow-runs-with-no-infra';

const SCHEDULED_REASON = 'Scheduled flow run has no infrastructure to terminate.';
const SUSPENDED_REASON = 'Suspended flow run has no infrastructure to terminate.';

describe('BypassCancellingFlowRunsWithNoInfra', () => {
  it.each(
    titled([
      {
        title: 'rejects SCHEDULED→CANCELLING without infrastructure into Cancelled',
        from: stateOf('Scheduled'),
        pid: null,
        expected: { status: 'REJECT', reason: SCHEDULED_REASON, written: 'Cancelled' },
      },
      {
        title: 'rejects a Resuming run →CANCELLING into Cancelled even with an infrastructure pid',
        from: stateOf('Resuming'),
        pid: '1234',
        expected: { status: 'REJECT', reason: SCHEDULED_REASON, written: 'Cancelled' },
      },
      {
        title: 'rejects a suspended PAUSED run →CANCELLING into Cancelled',
        from: stateOf('Suspended', { stateDetails: { pauseReschedule: true } }),
        pid: '1234',
        expected: { status: 'REJECT', reason: SUSPENDED_REASON, written: 'Cancelled' },
      },
      {
        title: 'accepts SCHEDULED→CANCELLING when the run has infrastructure to tear down',
        from: stateOf('AwaitingRetry'),
        pid: '1234',
        expected: { status: 'ACCEPT', reason: null, written: 'Cancelling' },
      },
      {
        title: 'accepts an in-process PAUSED run →CANCELLING',
        from: stateOf('Paused'),
        pid: null,
        expected: { status: 'ACCEPT', reason: null, written: 'Cancelling' },
      },
      {
        title: 'accepts RUNNING→CANCELLING without a pid (not its FROM states)',
        from: stateOf('Running'),
        pid: null,
        expected: { status: 'ACCEPT', reason: null, written: 'Cancelling' },
      },
    ]),
  )('%s', (_title, { from, pid, expected }) => {
    const out = transitionThrough([bypassCancellingFlowRunsWithNoInfra], {
      from,
      to: { type: 'CANCELLING' },
      run: { infrastructurePid: pid },
    });
    expect(summarize(out)).toEqual(expected);
    if (expected.status === 'REJECT') expect(out.write?.state.type).toBe('CANCELLED');
  });
});
