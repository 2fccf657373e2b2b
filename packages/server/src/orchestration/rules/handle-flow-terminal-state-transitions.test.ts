import type { StateName, StateType } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { policyOf, stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { handleFlowTerminalStateTransitions } from './handle-flow-terminal-state-transitions';

const RESULT = { storageKey: 'results/abc', serializer: { type: 'json' } };
const DEPLOYMENT = '01900000-0000-7000-8000-0000000000de';
const ALREADY_COMPLETED = 'Run is already COMPLETED.';

type Row = {
  title: string;
  from: StateName;
  fromData?: unknown;
  to: StateType;
  toData?: unknown;
  deploymentId?: string;
  expected: { status: string; reason: string | null };
};

describe('HandleFlowTerminalStateTransitions', () => {
  it.each(
    titled<Row>([
      ...(['Completed', 'Failed', 'Cancelled', 'Crashed'] as const).flatMap((from) =>
        (['CANCELLING', 'PAUSED', 'CRASHED'] as const).map((to) => ({
          title: `aborts ${from}→${to}`,
          from,
          to,
          expected: { status: 'ABORT', reason: `Run is already in terminal state ${from.toUpperCase()}.` },
        })),
      ),
      {
        title: 'rejects COMPLETED→RUNNING when the result is persisted',
        from: 'Completed',
        fromData: RESULT,
        to: 'RUNNING',
        expected: { status: 'REJECT', reason: ALREADY_COMPLETED },
      },
      {
        title: 'rejects COMPLETED→SCHEDULED when the result is persisted, even with a deployment',
        from: 'Completed',
        fromData: RESULT,
        to: 'SCHEDULED',
        deploymentId: DEPLOYMENT,
        expected: { status: 'REJECT', reason: ALREADY_COMPLETED },
      },
      {
        title: 'rejects COMPLETED→COMPLETED that would drop a persisted result (Prefect #21955)',
        from: 'Completed',
        fromData: RESULT,
        to: 'COMPLETED',
        expected: { status: 'REJECT', reason: ALREADY_COMPLETED },
      },
      {
        title: 'rejects COMPLETED→COMPLETED with an unpersisted marker over a persisted result',
        from: 'Completed',
        fromData: RESULT,
        to: 'COMPLETED',
        toData: { type: 'unpersisted' },
        expected: { status: 'REJECT', reason: ALREADY_COMPLETED },
      },
      {
        title: 'accepts COMPLETED→COMPLETED that carries a result',
        from: 'Completed',
        fromData: RESULT,
        to: 'COMPLETED',
        toData: RESULT,
        expected: { status: 'ACCEPT', reason: null },
      },
      {
        title: 'accepts COMPLETED→FAILED with a persisted result (final to final)',
        from: 'Completed',
        fromData: RESULT,
        to: 'FAILED',
        expected: { status: 'ACCEPT', reason: null },
      },
      {
        title: 'accepts COMPLETED→RUNNING when the result is unpersisted',
        from: 'Completed',
        fromData: { type: 'unpersisted' },
        to: 'RUNNING',
        expected: { status: 'ACCEPT', reason: null },
      },
      {
        title: 'accepts COMPLETED→RUNNING without result data',
        from: 'Completed',
        to: 'RUNNING',
        expected: { status: 'ACCEPT', reason: null },
      },
      {
        title: 'aborts FAILED→SCHEDULED without a deployment',
        from: 'Failed',
        to: 'SCHEDULED',
        expected: { status: 'ABORT', reason: 'Cannot reschedule a run without an associated deployment.' },
      },
      {
        title: 'accepts FAILED→SCHEDULED with a deployment',
        from: 'Failed',
        to: 'SCHEDULED',
        deploymentId: DEPLOYMENT,
        expected: { status: 'ACCEPT', reason: null },
      },
      {
        title: 'accepts FAILED→RUNNING (an ad-hoc re-run)',
        from: 'Failed',
        to: 'RUNNING',
        expected: { status: 'ACCEPT', reason: null },
      },
      {
        title: 'accepts RUNNING→CRASHED (not from a terminal state)',
        from: 'Running',
        to: 'CRASHED',
        expected: { status: 'ACCEPT', reason: null },
      },
    ]),
  )('%s', (_title, { from, fromData, to, toData, deploymentId, expected }) => {
    const out = transitionThrough([handleFlowTerminalStateTransitions], {
      from: stateOf(from, { data: fromData as never }),
      to: { type: to, data: toData as never },
      run: { deploymentId: deploymentId ?? null },
    });
    const { status, reason, written } = summarize(out);
    expect({ status, reason }).toEqual(expected);
    expect(written === null).toBe(expected.status !== 'ACCEPT');
  });

  const used = policyOf({ resuming: true, pauseKeys: ['k1'], retryType: 'in_process', retries: 3 });

  it.each(
    titled([
      {
        title: 'resets pause bookkeeping and retryType on FAILED→RUNNING',
        to: 'RUNNING' as const,
        retryType: null,
      },
      {
        title: 'marks FAILED→SCHEDULED as a reschedule retry and resets pause bookkeeping',
        to: 'SCHEDULED' as const,
        retryType: 'reschedule' as const,
      },
    ]),
  )('%s', (_title, { to, retryType }) => {
    const out = transitionThrough([handleFlowTerminalStateTransitions], {
      from: stateOf('Failed'),
      to: { type: to },
      run: { deploymentId: DEPLOYMENT, empiricalPolicy: used },
    });
    expect(out.write?.runPatch.empiricalPolicy).toEqual({
      ...used,
      resuming: false,
      pauseKeys: [],
      retryType,
    });
  });

  it('leaves the policy alone on FAILED→COMPLETED (final to final)', () => {
    const out = transitionThrough([handleFlowTerminalStateTransitions], {
      from: stateOf('Failed'),
      to: { type: 'COMPLETED' },
      run: { empiricalPolicy: used },
    });
    expect(out.write?.runPatch.empiricalPolicy).toBeUndefined();
  });
});
