import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { State } from '../states/state';
import { StateType } from '../states/state-type';

/** The most nodes a graph may have; a larger run answers BAD_REQUEST. */
export const MAX_GRAPH_NODES = 10_000;

export const FlowRunGraphInput = z.object({
  id: Uuid,
  /** Only nodes that started or changed at or after this time (to poll a running graph). */
  since: DateTime.optional(),
});
export type FlowRunGraphInput = z.input<typeof FlowRunGraphInput>;

/** A task run of the flow run, or a subflow run (its tracking task run's child flow run). */
export const FlowRunGraphNode = z.object({
  kind: z.enum(['task-run', 'flow-run']),
  /** The task run's id, or the subflow run's id. */
  id: Uuid,
  label: z.string(),
  stateType: StateType.nullable(),
  stateName: z.string().nullable(),
  startTime: DateTime.nullable(),
  endTime: DateTime.nullable(),
  /** Nodes this one took data from or waited for (from `taskInputs` and `waitFor`). */
  parents: z.array(z.object({ id: Uuid })),
  /** Nodes that took data from this one or waited for it. */
  children: z.array(z.object({ id: Uuid })),
});
export type FlowRunGraphNode = z.infer<typeof FlowRunGraphNode>;

/** A flow run's task runs and subflow runs as a DAG, with the run's own states for the timeline. */
export const FlowRunGraph = z.object({
  startTime: DateTime.nullable(),
  endTime: DateTime.nullable(),
  /** Nodes with no parents. */
  rootNodeIds: z.array(Uuid),
  nodes: z.array(FlowRunGraphNode),
  /** The flow run's states, oldest first. */
  states: z.array(State),
});
export type FlowRunGraph = z.infer<typeof FlowRunGraph>;
