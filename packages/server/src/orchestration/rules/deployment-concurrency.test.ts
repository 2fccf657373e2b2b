import { describe, expect, it } from 'vitest';
import type { DeploymentConcurrencySnapshot } from '../run-snapshots';
import { at, flowRunOf, stateOf, summarize, titled, transitionThrough } from '../test-fixtures';
import { deploymentLeaseEffect } from './deployment-lease-effect';
import { enforceDeploymentConcurrencyOnLate } from './enforce-deployment-concurrency-on-late';
import { secureFlowConcurrencySlots } from './secure-flow-concurrency-slots';
import { validateDeploymentConcurrencyAtRunning } from './validate-deployment-concurrency-at-running';

const RULES = [
  validateDeploymentConcurrencyAtRunning,
  secureFlowConcurrencySlots,
  enforceDeploymentConcurrencyOnLate,
];

function concurrency(overrides: Partial<DeploymentConcurrencySnapshot> = {}): DeploymentConcurrencySnapshot {
  return {
    limit: 1,
    collisionStrategy: 'ENQUEUE',
    gracePeriodSeconds: 60,
    otherLeases: 0,
    leaseExpiresAt: null,
    hasLease: false,
    ...overrides,
  };
}

const full = concurrency({ otherLeases: 1 });
const held = concurrency({ otherLeases: 1, leaseExpiresAt: at(30), hasLease: true });

describe('deployment concurrency rules', () => {
  it.each(
    titled([
      {
        title: 'accepts PENDING with a free slot',
        from: 'Scheduled',
        to: 'PENDING',
        c: concurrency(),
        written: 'Pending',
      },
      {
        title: 'enqueues PENDING at the limit',
        from: 'Scheduled',
        to: 'PENDING',
        c: full,
        written: 'AwaitingConcurrencySlot',
      },
      {
        title: 'cancels PENDING at the limit with CANCEL_NEW',
        from: 'Scheduled',
        to: 'PENDING',
        c: concurrency({ otherLeases: 1, collisionStrategy: 'CANCEL_NEW' }),
        written: 'Cancelled',
      },
      {
        title: 'enqueues SCHEDULED → RUNNING at the limit',
        from: 'Scheduled',
        to: 'RUNNING',
        c: full,
        written: 'AwaitingConcurrencySlot',
      },
      {
        title: 'lets a run holding a live lease start',
        from: 'Pending',
        to: 'RUNNING',
        c: held,
        written: 'Running',
      },
      {
        title: 'cancels PENDING → RUNNING whose lease expired at the limit',
        from: 'Pending',
        to: 'RUNNING',
        c: concurrency({ otherLeases: 1, leaseExpiresAt: null, hasLease: true }),
        written: 'Cancelled',
      },
      {
        title: 'ignores a deployment without a limit',
        from: 'Scheduled',
        to: 'PENDING',
        c: concurrency({ limit: null, otherLeases: 5 }),
        written: 'Pending',
      },
    ] as const),
  )('%s', (_title, row) => {
    const output = transitionThrough(RULES, {
      from: stateOf(row.from, { at: -10 }),
      to: { type: row.to },
      run: { deploymentId: '01900000-0000-7000-8000-0000000000d1', deploymentConcurrency: row.c },
    });
    expect(summarize(output).written).toBe(row.written);
  });

  it('schedules an enqueued run 30 s later', () => {
    const output = transitionThrough(RULES, {
      from: stateOf('Scheduled', { at: -10 }),
      to: { type: 'PENDING' },
      run: { deploymentConcurrency: full },
    });
    expect(output.result.status).toBe('REJECT');
    expect(output.write?.state.stateDetails.scheduledTime).toEqual(at(30));
  });

  it('cancels a run that would become Late at a full CANCEL_NEW limit, and not under ENQUEUE', () => {
    const late = (c: DeploymentConcurrencySnapshot) =>
      transitionThrough(RULES, {
        from: stateOf('Scheduled', { at: -20 }),
        to: { type: 'SCHEDULED', name: 'Late' },
        run: { deploymentConcurrency: c },
      }).write?.state.name;
    expect(late(concurrency({ otherLeases: 1, collisionStrategy: 'CANCEL_NEW' }))).toBe('Cancelled');
    expect(late(full)).toBe('Late');
  });
});

describe('deploymentLeaseEffect', () => {
  const run = (c: DeploymentConcurrencySnapshot | null) => flowRunOf({ deploymentConcurrency: c });
  it.each(
    titled([
      { title: 'acquires on entering PENDING', c: concurrency(), to: 'Pending', effect: 'acquire' },
      { title: 'renews a live lease on RUNNING', c: held, to: 'Running', effect: 'renew' },
      { title: 'keeps a live lease on PENDING → PENDING', c: held, to: 'Pending', effect: null },
      { title: 'keeps the lease while CANCELLING', c: held, to: 'Cancelling', effect: null },
      { title: 'releases on a terminal state', c: held, to: 'Completed', effect: 'release' },
      { title: 'releases on going back to Scheduled', c: held, to: 'AwaitingRetry', effect: 'release' },
      {
        title: 'releases an expired lease too',
        c: concurrency({ hasLease: true }),
        to: 'Failed',
        effect: 'release',
      },
      {
        title: 'releases without a limit',
        c: concurrency({ limit: null, hasLease: true }),
        to: 'Crashed',
        effect: 'release',
      },
      {
        title: 'takes nothing without a limit',
        c: concurrency({ limit: null }),
        to: 'Running',
        effect: null,
      },
      { title: 'does nothing for a run without a deployment', c: null, to: 'Running', effect: null },
    ] as const),
  )('%s', (_title, row) => {
    expect(deploymentLeaseEffect(run(row.c), stateOf(row.to), at(0))).toBe(row.effect);
  });

  it('does nothing when nothing is written', () => {
    expect(deploymentLeaseEffect(run(held), null, at(0))).toBeNull();
  });
});
