import { describe, expect, it } from 'vitest';
import { at, policyOf, stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { retryFailedFlows } from './retry-failed-flows';

describe('RetryFailedFlows', () => {
  it.each(
    titled([
      {
        title: 'rejects RUNNING→FAILED into AwaitingRetry on the first of 2 retries',
        runCount: 1,
        retries: 2,
        retry: true,
      },
      { title: 'accepts RUNNING→FAILED once the last retry failed', runCount: 2, retries: 1, retry: false },
      { title: 'rejects RUNNING→FAILED when run count equals retries', runCount: 2, retries: 2, retry: true },
      { title: 'accepts RUNNING→FAILED when retries are exhausted', runCount: 3, retries: 2, retry: false },
      { title: 'accepts RUNNING→FAILED with retries 0', runCount: 1, retries: 0, retry: false },
      { title: 'accepts RUNNING→FAILED without retries', runCount: 1, retries: null, retry: false },
    ]),
  )('%s', (_title, { runCount, retries, retry }) => {
    const out = transitionThrough([retryFailedFlows], {
      from: stateOf('Running'),
      to: { type: 'FAILED' },
      run: { runCount, empiricalPolicy: policyOf({ retries, retryType: 'reschedule' }) },
    });
    const expected = retry
      ? { status: 'REJECT', reason: 'Retrying', written: 'AwaitingRetry' }
      : { status: 'ACCEPT', reason: null, written: 'Failed' };
    expect(summarize(out)).toEqual(expected);
    const retryType = retry ? 'in_process' : null;
    expect(out.write?.runPatch.empiricalPolicy?.retryType).toBe(retryType);
  });

  it('schedules the retry at now + retryDelaySeconds, keeping the failure message and data', () => {
    const out = transitionThrough([retryFailedFlows], {
      from: stateOf('Running'),
      to: { type: 'FAILED', message: 'boom', data: { type: 'unpersisted' } },
      run: { runCount: 1, empiricalPolicy: policyOf({ retries: 1, retryDelaySeconds: 15 }) },
      now: at(100),
    });
    expect(out.write?.state).toMatchObject({
      type: 'SCHEDULED',
      name: 'AwaitingRetry',
      timestamp: at(100),
      message: 'boom',
      data: { type: 'unpersisted' },
      stateDetails: { scheduledTime: at(115) },
    });
  });

  it('retries immediately without a delay and clears pause bookkeeping', () => {
    const policy = policyOf({ retries: 1, resuming: true, pauseKeys: ['k'] });
    const out = transitionThrough([retryFailedFlows], {
      from: stateOf('Running'),
      to: { type: 'FAILED' },
      run: { runCount: 1, empiricalPolicy: policy },
      now: at(5),
    });
    expect(out.write?.state.stateDetails.scheduledTime).toEqual(at(5));
    expect(out.write?.runPatch.empiricalPolicy).toEqual({
      ...policy,
      resuming: false,
      pauseKeys: [],
      retryType: 'in_process',
    });
  });
});
