import type { StateType } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { enforceCancellingToCancelledTransition } from './enforce-cancelling-to-cancelled-transition';

const REASON = 'Cannot transition flows that are cancelling to a state other than Cancelled.';

describe('EnforceCancellingToCancelledTransition', () => {
  it.each<StateType>([
    'RUNNING',
    'COMPLETED',
    'FAILED',
    'CRASHED',
    'SCHEDULED',
    'PENDING',
    'PAUSED',
    'CANCELLING',
  ])('rejects CANCELLING→%s, returning the current state', (to) => {
    const out = transitionThrough([enforceCancellingToCancelledTransition], {
      from: stateOf('Cancelling'),
      to: { type: to },
    });
    expect(summarize(out)).toEqual({ status: 'REJECT', reason: REASON, written: null });
  });

  it.each(
    titled([
      { title: 'accepts CANCELLING→CANCELLED', from: stateOf('Cancelling'), to: 'CANCELLED' as const },
      {
        title: 'accepts RUNNING→COMPLETED (not cancelling)',
        from: stateOf('Running'),
        to: 'COMPLETED' as const,
      },
    ]),
  )('%s', (_title, { from, to }) => {
    const out = transitionThrough([enforceCancellingToCancelledTransition], { from, to: { type: to } });
    expect(summarize(out).status).toBe('ACCEPT');
  });
});
