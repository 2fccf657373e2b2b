import { describe, expect, it } from 'vitest';
import { Uuid, uuid7 } from '../core/ids';
import { isResultRecordMetadata, namedState, newState, State, StateCreate } from './state';
import { isTerminalStateType, STATE_TYPES } from './state-type';

describe('states', () => {
  it('names a new state after its type and stamps id and time', () => {
    const s = newState('RUNNING');
    expect(s.name).toBe('Running');
    expect(State.parse(s)).toEqual(s);
  });

  it('gives a named state its type and scheduled time', () => {
    const at = new Date(Date.now() + 60_000);
    const s = namedState('AwaitingRetry', { scheduledTime: at });
    expect(s.type).toBe('SCHEDULED');
    expect(s.stateDetails.scheduledTime).toEqual(at);
  });

  it('defaults a SCHEDULED state to be due now', () => {
    const s = newState('SCHEDULED');
    expect(s.stateDetails.scheduledTime).toEqual(s.timestamp);
  });

  it('knows exactly four terminal types', () => {
    expect(STATE_TYPES.filter(isTerminalStateType)).toEqual(['COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED']);
  });

  it('rejects a proposal with an unknown type, naming the field', () => {
    const r = StateCreate.safeParse({ type: 'DONE' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['type']);
  });

  it('recognises persisted result metadata by its storage key', () => {
    expect(isResultRecordMetadata({ storageKey: 'a/b', serializer: { type: 'json' } })).toBe(true);
    expect(isResultRecordMetadata({ type: 'unpersisted' })).toBe(false);
  });
});

describe('uuid7', () => {
  it('makes valid, time-ordered ids', () => {
    const a = uuid7(1_000);
    const b = uuid7(2_000);
    expect(Uuid.safeParse(a).success).toBe(true);
    expect(a[14]).toBe('7');
    expect(a < b).toBe(true);
  });
});
