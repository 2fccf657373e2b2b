import { type FlowRunGraph, isTerminalStateType, type State } from '@weft/schemas';

/** A stretch of time in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The time axis of a flow run's timeline: from the run's start (or its first task's) to its end; a
 * run still going ends at `now`, a finished one without an end time at its last task's end.
 */
export function spanOf(
  graph: Pick<FlowRunGraph, 'nodes' | 'startTime' | 'endTime' | 'states'>,
  now: number,
): Span {
  const starts = graph.nodes.flatMap((node) => (node.startTime ? [node.startTime.getTime()] : []));
  const start = graph.startTime?.getTime() ?? Math.min(...starts, now);
  const finished = isTerminalStateType(graph.states.at(-1)?.type);
  const ends = graph.nodes.map((node) => node.endTime?.getTime() ?? now);
  const end = graph.endTime?.getTime() ?? (finished ? Math.max(...ends, start + 1) : now);
  return { start, end: Math.max(end, start + 1) };
}

/**
 * Where the strip of a run's own states ends: the last state's time when it is final (so a long
 * finished run isn't drawn as mostly its final state), else now.
 */
export function stateStripEnd(states: Pick<State, 'type' | 'timestamp'>[], now: number): number {
  const last = states.at(-1);
  if (!last) return now;
  return isTerminalStateType(last.type) ? last.timestamp.getTime() : now;
}
