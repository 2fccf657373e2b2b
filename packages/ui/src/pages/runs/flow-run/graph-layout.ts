import dagre from '@dagrejs/dagre';
import type { FlowRunGraphNode } from '@weft/schemas';
import type { Edge, Node } from '@xyflow/react';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 58;
const GAP_X = 56;
const GAP_Y = 18;
/** Nodes with no edges go in a grid this many columns wide, in the order they started. */
const GRID_COLUMNS = 4;

/** What a node of the graph carries: the task run or subflow run it draws. */
export type RunNodeData = { run: FlowRunGraphNode };
export type RunFlowNode = Node<RunNodeData, 'run'>;

function byStart(a: FlowRunGraphNode, b: FlowRunGraphNode): number {
  const never = Number.POSITIVE_INFINITY;
  return (a.startTime?.getTime() ?? never) - (b.startTime?.getTime() ?? never);
}

function toNode(run: FlowRunGraphNode, x: number, y: number): RunFlowNode {
  return { id: run.id, type: 'run', position: { x, y }, data: { run }, draggable: false, connectable: false };
}

/**
 * Lay a flow run's graph out left to right with dagre: each node after the nodes it took data
 * from or waited for. Nodes with no edges at all (tasks called one after another with plain
 * values) go below, in a grid in the order they started, so a long flow is not one tall column.
 */
export function layoutGraph(runs: FlowRunGraphNode[]): {
  nodes: RunFlowNode[];
  edges: Edge[];
  height: number;
} {
  const ordered = [...runs].sort(byStart);
  const ids = new Set(ordered.map((run) => run.id));
  const edges: Edge[] = [];
  for (const run of ordered) {
    for (const child of run.children) {
      if (ids.has(child.id)) edges.push({ id: `${run.id}->${child.id}`, source: run.id, target: child.id });
    }
  }
  const linked = new Set(edges.flatMap((edge) => [edge.source, edge.target]));
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: GAP_Y, ranksep: GAP_X, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const run of ordered) {
    if (linked.has(run.id)) graph.setNode(run.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const nodes: RunFlowNode[] = [];
  for (const run of ordered) {
    if (!linked.has(run.id)) continue;
    const { x, y } = graph.node(run.id);
    nodes.push(toNode(run, x - NODE_WIDTH / 2, y - NODE_HEIGHT / 2));
  }
  const top = linked.size > 0 ? (graph.graph().height ?? 0) + GAP_Y * 2 : 0;
  const isolated = ordered.filter((run) => !linked.has(run.id));
  const columns = isolated.length > 6 ? GRID_COLUMNS : 1;
  isolated.forEach((run, i) => {
    const x = (i % columns) * (NODE_WIDTH + GAP_X);
    const y = top + Math.floor(i / columns) * (NODE_HEIGHT + GAP_Y);
    nodes.push(toNode(run, x, y));
  });
  const rows = Math.ceil(isolated.length / columns);
  const height = top + rows * (NODE_HEIGHT + GAP_Y);
  const running = new Set(runs.filter((run) => run.stateType === 'RUNNING').map((run) => run.id));
  return { nodes, edges: edges.map((edge) => ({ ...edge, animated: running.has(edge.target) })), height };
}
