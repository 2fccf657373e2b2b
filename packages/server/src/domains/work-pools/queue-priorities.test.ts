import { describe, expect, it } from 'vitest';
import { firstFreePriority, shiftPriorities } from './queue-priorities';

const queues = (...priorities: number[]) => priorities.map((priority, i) => ({ id: `q${i}`, priority }));

describe('firstFreePriority', () => {
  it('takes the first gap from 1, else one past the last', () => {
    expect(firstFreePriority([])).toBe(1);
    expect(firstFreePriority([1, 2, 4])).toBe(3);
    expect(firstFreePriority([2, 3])).toBe(1);
    expect(firstFreePriority([3, 1, 2])).toBe(4);
  });
});

describe('shiftPriorities', () => {
  it('changes nothing when the priority is free', () => {
    expect(shiftPriorities(queues(1, 2, 5), 3)).toEqual([]);
    expect(shiftPriorities(queues(1, 2), 9)).toEqual([]);
  });

  it('moves the holder and the queues right after it down by one, stopping at a gap', () => {
    expect(shiftPriorities(queues(1, 2, 3, 5), 2)).toEqual([
      { id: 'q1', priority: 3 },
      { id: 'q2', priority: 4 },
    ]);
    expect(shiftPriorities(queues(1, 2, 3), 1)).toEqual([
      { id: 'q0', priority: 2 },
      { id: 'q1', priority: 3 },
      { id: 'q2', priority: 4 },
    ]);
  });

  it('keeps the order of queues given out of order', () => {
    expect(
      shiftPriorities(
        [
          { id: 'b', priority: 3 },
          { id: 'a', priority: 2 },
        ],
        2,
      ),
    ).toEqual([
      { id: 'a', priority: 3 },
      { id: 'b', priority: 4 },
    ]);
  });
});
