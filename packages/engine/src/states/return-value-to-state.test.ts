import { newState, type State, type StateType } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { aggregateStates, isStateLike, returnValueToState } from './return-value-to-state';

const runId = '0193b0e0-0000-7000-8000-000000000001';
const ofRun = (type: StateType): State => newState(type, { stateDetails: { taskRunId: runId } });

describe('returnValueToState', () => {
  it('completes a run that returned a plain value', () => {
    for (const value of [42, 'x', null, undefined, { a: 1 }, [1, 2], []]) {
      const state = returnValueToState(value);
      expect(state.type).toBe('COMPLETED');
      expect(state.data).toBeNull();
    }
  });

  it('says "All states completed." when every state completed', () => {
    const state = returnValueToState([ofRun('COMPLETED'), ofRun('COMPLETED')]);
    expect(state).toMatchObject({ type: 'COMPLETED', message: 'All states completed.' });
  });

  it('is FAILED "k/n states failed." counting failed and crashed', () => {
    const state = returnValueToState([ofRun('COMPLETED'), ofRun('FAILED'), ofRun('CRASHED')]);
    expect(state).toMatchObject({ type: 'FAILED', message: '2/3 states failed.' });
  });

  it('prefers CANCELLED over FAILED and PAUSED', () => {
    const state = returnValueToState([ofRun('FAILED'), ofRun('CANCELLED'), ofRun('PAUSED')]);
    expect(state).toMatchObject({ type: 'CANCELLED', message: '1/3 states cancelled.' });
  });

  it('prefers PAUSED over FAILED', () => {
    const state = returnValueToState([ofRun('FAILED'), ofRun('PAUSED')]);
    expect(state).toMatchObject({ type: 'PAUSED', message: '1/2 states paused.' });
  });

  it('fails a collection containing a still-running state', () => {
    expect(returnValueToState([ofRun('COMPLETED'), ofRun('RUNNING')])).toMatchObject({
      type: 'FAILED',
      message: '0/2 states failed.',
    });
  });

  it('uses a manually created state verbatim', () => {
    const manual = newState('FAILED', { message: 'bad input', data: { reason: 'x' } });
    expect(returnValueToState(manual)).toBe(manual);
  });

  it('aggregates a single state of a run instead of adopting it', () => {
    const state = returnValueToState(ofRun('FAILED'));
    expect(state).toMatchObject({ type: 'FAILED', message: '1/1 states failed.' });
    expect(state.stateDetails.taskRunId).toBeUndefined();
  });

  it('aggregates a Set of states', () => {
    expect(returnValueToState(new Set([ofRun('COMPLETED')])).type).toBe('COMPLETED');
  });

  it('treats a mixed list of states and values as a plain value', () => {
    expect(returnValueToState([ofRun('FAILED'), 1]).type).toBe('COMPLETED');
  });

  it('reads states through accessors, e.g. from futures', () => {
    type Fake = { fake: true; state: State };
    const isFake = (v: unknown): v is Fake => typeof v === 'object' && v !== null && 'fake' in v;
    const futures: Fake[] = [
      { fake: true, state: ofRun('COMPLETED') },
      { fake: true, state: ofRun('FAILED') },
    ];
    const state = returnValueToState(futures, { isState: isFake, stateOf: (f) => f.state });
    expect(state).toMatchObject({ type: 'FAILED', message: '1/2 states failed.' });
  });

  it('stamps the new state with the given time', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(returnValueToState(1, { now }).timestamp).toEqual(now);
    expect(aggregateStates([ofRun('COMPLETED')], now).timestamp).toEqual(now);
  });

  it('recognises Weft states structurally', () => {
    expect(isStateLike(newState('RUNNING'))).toBe(true);
    expect(isStateLike({ type: 'DONE', name: 'x', stateDetails: {} })).toBe(false);
    expect(isStateLike({ type: 'COMPLETED' })).toBe(false);
  });
});
