import type { FlowRunGraphNode, State } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { spanOf, stateStripEnd } from './timeline-span';

const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, s));
const NOW = at(100).getTime();
const state = (type: State['type'], s: number) => ({ type, timestamp: at(s) }) as State;
const node = (start: number | null, end: number | null) =>
  ({
    startTime: start === null ? null : at(start),
    endTime: end === null ? null : at(end),
  }) as FlowRunGraphNode;

describe('spanOf', () => {
  it('runs from the run start to its end', () => {
    const graph = { nodes: [node(2, 5)], startTime: at(1), endTime: at(9), states: [state('COMPLETED', 9)] };
    expect(spanOf(graph, NOW)).toEqual({ start: at(1).getTime(), end: at(9).getTime() });
  });

  it('runs until now for a running flow, even with no task run yet', () => {
    const graph = { nodes: [], startTime: at(10), endTime: null, states: [state('RUNNING', 10)] };
    expect(spanOf(graph, NOW)).toEqual({ start: at(10).getTime(), end: NOW });
  });

  it('ends at the last task end for a finished run without an end time, not at now', () => {
    const graph = {
      nodes: [node(2, 4), node(3, 6)],
      startTime: null,
      endTime: null,
      states: [state('CRASHED', 7)],
    };
    expect(spanOf(graph, NOW)).toEqual({ start: at(2).getTime(), end: at(6).getTime() });
  });

  it('is never empty', () => {
    const graph = { nodes: [], startTime: at(5), endTime: at(5), states: [state('COMPLETED', 5)] };
    const span = spanOf(graph, NOW);
    expect(span.end - span.start).toBe(1);
  });
});

describe('stateStripEnd', () => {
  it('ends at the final state of a finished run, and at now while it runs', () => {
    expect(stateStripEnd([state('PENDING', 1), state('RUNNING', 2), state('FAILED', 8)], NOW)).toBe(
      at(8).getTime(),
    );
    expect(stateStripEnd([state('PENDING', 1), state('RUNNING', 2)], NOW)).toBe(NOW);
    expect(stateStripEnd([], NOW)).toBe(NOW);
  });
});
