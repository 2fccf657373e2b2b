import type { FlowRun, State, StateType } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { whyNotRetriable } from './retry-eligibility';

const DEPLOYMENT = '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f80';

function run(
  stateType: StateType | null,
  data: unknown = null,
  deploymentId: string | null = DEPLOYMENT,
): Pick<FlowRun, 'stateType' | 'deploymentId' | 'state'> {
  const state =
    stateType === null
      ? null
      : {
          id: '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f81',
          type: stateType,
          name: stateType,
          timestamp: new Date('2026-01-01T00:00:00Z'),
          message: null,
          stateDetails: {},
          data: data as State['data'],
        };
  return { stateType, deploymentId, state };
}

describe('whyNotRetriable', () => {
  it.each(['FAILED', 'CRASHED', 'CANCELLED'] as const)(
    'lets a finished %s deployment run be retried',
    (type) => {
      expect(whyNotRetriable(run(type))).toBeNull();
    },
  );

  it.each(['RUNNING', 'PENDING', 'SCHEDULED', 'PAUSED', 'CANCELLING', null] as const)(
    'refuses a run that has not ended (%s)',
    (type) => {
      expect(whyNotRetriable(run(type))).toMatch(/^Only a finished run can be retried/);
    },
  );

  it('refuses a finished run that no deployment started (a worker would never pick it up)', () => {
    expect(whyNotRetriable(run('FAILED', null, null))).toMatch(/^Only a deployment run can be retried/);
  });

  it('says "not ended" before "no deployment" for a running ad-hoc run', () => {
    expect(whyNotRetriable(run('RUNNING', null, null))).toMatch(/^Only a finished run/);
  });

  it('lets a COMPLETED run be re-run when it kept no result or an unpersisted one', () => {
    expect(whyNotRetriable(run('COMPLETED', null))).toBeNull();
    expect(whyNotRetriable(run('COMPLETED', undefined))).toBeNull();
    expect(whyNotRetriable(run('COMPLETED', { type: 'unpersisted' }))).toBeNull();
  });

  it('refuses a COMPLETED run whose result the server protects: any data but the unpersisted marker', () => {
    const persisted = { storageKey: 'results/abc', serializer: { type: 'json' } };
    for (const data of [persisted, 42, 'done', [], [{ type: 'unpersisted' }], { type: 'other' }, false]) {
      expect(whyNotRetriable(run('COMPLETED', data)), JSON.stringify(data)).toMatch(/result was persisted/);
    }
  });

  it('lets a FAILED run be retried even when its state carries data (the error)', () => {
    expect(whyNotRetriable(run('FAILED', { kind: 'exception', name: 'Error', message: 'boom' }))).toBeNull();
  });
});
