import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseLimit, parseRunId, parseStates, stateFilter } from './shared-options';

describe('option parsers', () => {
  it('reads state types in any case and known state names, comma-separated or repeated', () => {
    expect(parseStates(['failed,Crashed', 'RUNNING'])).toEqual({
      types: ['FAILED', 'CRASHED', 'RUNNING'],
      names: [],
    });
    expect(stateFilter(parseStates(['Late', 'AwaitingRetry']))).toEqual({
      stateName: { any: ['Late', 'AwaitingRetry'] },
    });
    expect(stateFilter(parseStates(['completed']))).toEqual({ stateType: { any: ['COMPLETED'] } });
    expect(stateFilter(undefined)).toEqual({});
  });

  it('rejects unknown states and mixing types with names', () => {
    expect(() => parseStates(['done'])).toThrow(InvalidArgumentError);
    expect(() => parseStates(['done'])).toThrow(
      /Unknown state 'done'\. Use a state type \(SCHEDULED, PENDING/,
    );
    expect(() => parseStates(['FAILED', 'Late'])).toThrow(
      'give either state types or state names, not both.',
    );
  });

  it('bounds --limit and checks run ids', () => {
    expect(parseLimit('50')).toBe(50);
    expect(() => parseLimit('0')).toThrow('must be a positive integer.');
    expect(() => parseLimit('201')).toThrow('must be at most 200.');
    expect(() => parseLimit('2.5')).toThrow('must be a positive integer.');
    expect(parseRunId(' 01a1fc03-b2ae-77f7-915e-2f453a912351 ')).toBe('01a1fc03-b2ae-77f7-915e-2f453a912351');
    expect(() => parseRunId('bright-otter')).toThrow(/expected a run id/);
  });
});
