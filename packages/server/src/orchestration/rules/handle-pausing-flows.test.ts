import { describe, expect, it } from 'vitest';
import { policyOf, stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { handlePausingFlows } from './handle-pausing-flows';

const DEPLOYMENT = '01900000-0000-7000-8000-0000000000de';
const PARENT = '01900000-0000-7000-8000-0000000000ee';

describe('HandlePausingFlows', () => {
  it.each(
    titled([
      {
        title: 'aborts pausing a run with no state',
        from: null,
        name: 'Paused',
        expected: { status: 'ABORT', reason: 'Cannot pause flows with no state.' },
      },
      {
        title: 'aborts suspending a run with no state',
        from: null,
        name: 'Suspended',
        reschedule: true,
        expected: { status: 'ABORT', reason: 'Cannot suspend flows with no state.' },
      },
      {
        title: 'rejects PENDING→PAUSED',
        from: stateOf('Pending'),
        name: 'Paused',
        expected: { status: 'REJECT', reason: 'Cannot pause flows that are not currently running.' },
      },
      {
        title: 'rejects PAUSED→Suspended',
        from: stateOf('Paused'),
        name: 'Suspended',
        expected: { status: 'REJECT', reason: 'Cannot suspend flows that are not currently running.' },
      },
      {
        title: 'rejects RUNNING→PAUSED with a pause key that already fired',
        from: stateOf('Running'),
        name: 'Paused',
        key: 'fired',
        expected: { status: 'REJECT', reason: 'This pause has already fired.' },
      },
      {
        title: 'aborts suspending a subflow',
        from: stateOf('Running'),
        name: 'Suspended',
        reschedule: true,
        parent: PARENT,
        deployment: DEPLOYMENT,
        expected: { status: 'ABORT', reason: 'Cannot suspend subflows.' },
      },
      {
        title: 'aborts suspending a run without a deployment',
        from: stateOf('Running'),
        name: 'Suspended',
        reschedule: true,
        expected: { status: 'ABORT', reason: 'Cannot suspend flows without a deployment.' },
      },
      {
        title: 'accepts RUNNING→PAUSED with a new key',
        from: stateOf('Running'),
        name: 'Paused',
        key: 'new',
        expected: { status: 'ACCEPT', reason: null },
      },
      {
        title: 'accepts RUNNING→Suspended for a deployment run',
        from: stateOf('Running'),
        name: 'Suspended',
        reschedule: true,
        deployment: DEPLOYMENT,
        expected: { status: 'ACCEPT', reason: null },
      },
      {
        title: 'accepts pausing (not suspending) a subflow without a deployment',
        from: stateOf('Running'),
        name: 'Paused',
        parent: PARENT,
        expected: { status: 'ACCEPT', reason: null },
      },
    ]),
  )('%s', (_title, { from, name, key, reschedule, parent, deployment, expected }) => {
    const out = transitionThrough([handlePausingFlows], {
      from,
      to: { type: 'PAUSED', name, stateDetails: { pauseKey: key, pauseReschedule: reschedule } },
      run: {
        parentTaskRunId: parent ?? null,
        deploymentId: deployment ?? null,
        empiricalPolicy: policyOf({ pauseKeys: ['fired'] }),
      },
    });
    const { status, reason } = summarize(out);
    expect({ status, reason }).toEqual(expected);
  });

  it.each(
    titled([
      { title: 'records the pause key after RUNNING→PAUSED', key: 'step-1', expected: ['fired', 'step-1'] },
      {
        title: 'records a random key for a pause without one',
        key: undefined,
        expected: ['fired', expect.any(String)],
      },
    ]),
  )('%s', (_title, { key, expected }) => {
    const out = transitionThrough([handlePausingFlows], {
      from: stateOf('Running'),
      to: { type: 'PAUSED', stateDetails: { pauseKey: key } },
      run: { empiricalPolicy: policyOf({ pauseKeys: ['fired'] }) },
    });
    expect(out.write?.runPatch.empiricalPolicy?.pauseKeys).toEqual(expected);
  });
});
