import { describe, expect, it } from 'vitest';
import { at, stateOf, titled, transitionThrough } from '../test-fixtures';
import { copyScheduledTime } from './copy-scheduled-time';

describe('CopyScheduledTime', () => {
  it.each(
    titled([
      { title: 'copies the scheduled time onto SCHEDULED→PENDING', proposed: undefined, expected: at(30) },
      { title: 'keeps a scheduled time the PENDING proposal sets', proposed: at(45), expected: at(45) },
    ]),
  )('%s', (_title, { proposed, expected }) => {
    const out = transitionThrough([copyScheduledTime], {
      from: stateOf('Scheduled', { scheduledTime: at(30) }),
      to: { type: 'PENDING', stateDetails: { scheduledTime: proposed } },
    });
    expect(out.result.status).toBe('ACCEPT');
    expect(out.write?.state.stateDetails.scheduledTime).toEqual(expected);
  });

  it('does not copy onto PENDING→RUNNING (not its transition)', () => {
    const out = transitionThrough([copyScheduledTime], {
      from: stateOf('Pending', { scheduledTime: at(30) }),
      to: { type: 'RUNNING' },
    });
    expect(out.write?.state.stateDetails.scheduledTime).toBeUndefined();
  });
});
