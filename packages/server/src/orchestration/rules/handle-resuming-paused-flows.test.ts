import type { StateName, StateType } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { at, stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { handleResumingPausedFlows } from './handle-resuming-paused-flows';

const DEPLOYMENT = '01900000-0000-7000-8000-0000000000de';

type Row = {
  title: string;
  from: StateName;
  reschedule?: boolean;
  timeout?: Date;
  to: StateType;
  deployment?: boolean;
  expected: { status: string; reason: string | null; written: string | null };
};

describe('HandleResumingPausedFlows', () => {
  it.each(
    titled<Row>([
      ...(['PENDING', 'CANCELLING', 'PAUSED'] as const).map((to) => ({
        title: `rejects PAUSED→${to}`,
        from: 'Paused' as const,
        to,
        expected: {
          status: 'REJECT',
          reason: `This run cannot transition to the ${to} state from the PAUSED state.`,
          written: null,
        },
      })),
      {
        title: 'rejects resuming a suspended run without a deployment',
        from: 'Suspended',
        reschedule: true,
        to: 'SCHEDULED',
        expected: {
          status: 'REJECT',
          reason: 'Cannot reschedule a suspended flow run without a deployment.',
          written: null,
        },
      },
      {
        title: 'rejects PAUSED→RUNNING past the pause timeout into Failed',
        from: 'Paused',
        timeout: at(-1),
        to: 'RUNNING',
        expected: {
          status: 'REJECT',
          reason: 'The flow run pause has timed out and can no longer resume.',
          written: 'Failed',
        },
      },
      {
        title: 'rejects resuming a suspended run past its timeout into Failed',
        from: 'Suspended',
        reschedule: true,
        deployment: true,
        timeout: at(-1),
        to: 'SCHEDULED',
        expected: {
          status: 'REJECT',
          reason: 'The flow run suspend has timed out and can no longer resume.',
          written: 'Failed',
        },
      },
      {
        title: 'accepts PAUSED→RUNNING before the timeout',
        from: 'Paused',
        timeout: at(60),
        to: 'RUNNING',
        expected: { status: 'ACCEPT', reason: null, written: 'Running' },
      },
      {
        title: 'accepts a suspended run →SCHEDULED with a deployment',
        from: 'Suspended',
        reschedule: true,
        deployment: true,
        to: 'SCHEDULED',
        expected: { status: 'ACCEPT', reason: null, written: 'Scheduled' },
      },
      {
        title: 'accepts PAUSED→CANCELLED',
        from: 'Paused',
        to: 'CANCELLED',
        expected: { status: 'ACCEPT', reason: null, written: 'Cancelled' },
      },
    ]),
  )('%s', (_title, { from, reschedule, timeout, to, deployment, expected }) => {
    const out = transitionThrough([handleResumingPausedFlows], {
      from: stateOf(from, { stateDetails: { pauseReschedule: reschedule, pauseTimeout: timeout } }),
      to: { type: to },
      run: { deploymentId: deployment ? DEPLOYMENT : null },
    });
    expect(summarize(out)).toEqual(expected);
  });

  it('fails a timed-out pause with the reference message', () => {
    const out = transitionThrough([handleResumingPausedFlows], {
      from: stateOf('Paused', { stateDetails: { pauseTimeout: at(-1) } }),
      to: { type: 'RUNNING' },
    });
    expect(out.write?.state).toMatchObject({
      type: 'FAILED',
      message: 'The flow was paused and never resumed.',
    });
  });

  it.each(
    titled([
      { title: 'sets resuming after PAUSED→RUNNING', timeout: undefined, resuming: true },
      {
        title: 'does not set resuming when the timed-out pause fails instead',
        timeout: at(-1),
        resuming: undefined,
      },
    ]),
  )('%s', (_title, { timeout, resuming }) => {
    const out = transitionThrough([handleResumingPausedFlows], {
      from: stateOf('Paused', { stateDetails: { pauseTimeout: timeout } }),
      to: { type: 'RUNNING' },
    });
    expect(out.write?.runPatch.empiricalPolicy?.resuming).toBe(resuming);
  });
});
