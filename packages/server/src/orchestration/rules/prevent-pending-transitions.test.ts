import { describe, expect, it } from 'vitest';
import { at, stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { preventPendingTransitions } from './prevent-pending-transitions';

const reason = (type: string) => `This run is in a ${type} state and cannot transition to a PENDING state.`;

describe('PreventPendingTransitions', () => {
  it.each(
    titled([
      { title: 'aborts RUNNING→PENDING', from: stateOf('Running'), name: 'Pending', abort: 'RUNNING' },
      {
        title: 'aborts a second worker proposing Pending→Pending',
        from: stateOf('Pending'),
        name: 'Pending',
        abort: 'PENDING',
      },
      { title: 'aborts Submitting→Pending', from: stateOf('Submitting'), name: 'Pending', abort: 'PENDING' },
      {
        title: 'aborts Submitting→Submitting (same name)',
        from: stateOf('Submitting'),
        name: 'Submitting',
        abort: 'PENDING',
      },
      {
        title: 'aborts CANCELLING→PENDING',
        from: stateOf('Cancelling'),
        name: 'Pending',
        abort: 'CANCELLING',
      },
      { title: 'aborts CANCELLED→PENDING', from: stateOf('Cancelled'), name: 'Pending', abort: 'CANCELLED' },
      { title: 'accepts Pending→Submitting', from: stateOf('Pending'), name: 'Submitting', abort: null },
      {
        title: 'accepts Submitting→InfrastructurePending',
        from: stateOf('Submitting'),
        name: 'InfrastructurePending',
        abort: null,
      },
      { title: 'accepts SCHEDULED→PENDING', from: stateOf('Scheduled'), name: 'Pending', abort: null },
      { title: 'accepts FAILED→PENDING', from: stateOf('Failed'), name: 'Pending', abort: null },
      { title: 'accepts the first PENDING state', from: null, name: 'Pending', abort: null },
    ]),
  )('%s', (_title, { from, name, abort }) => {
    const out = transitionThrough([preventPendingTransitions], { from, to: { type: 'PENDING', name } });
    const expected = abort
      ? { status: 'ABORT', reason: reason(abort), written: null }
      : { status: 'ACCEPT', reason: null, written: name };
    expect(summarize(out)).toEqual(expected);
  });

  it('carries the scheduled time and concurrency lease forward on Pending→Submitting', () => {
    const lease = '01900000-0000-7000-8000-0000000000cc';
    const from = stateOf('Pending', {
      scheduledTime: at(30),
      stateDetails: { deploymentConcurrencyLeaseId: lease },
    });
    const out = transitionThrough([preventPendingTransitions], {
      from,
      to: { type: 'PENDING', name: 'Submitting', stateDetails: { scheduledTime: at(99) } },
    });
    expect(out.write?.state.stateDetails).toMatchObject({
      scheduledTime: at(30),
      deploymentConcurrencyLeaseId: lease,
    });
  });
});
