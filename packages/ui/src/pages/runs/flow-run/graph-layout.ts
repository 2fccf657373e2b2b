import dagre from '@dagrejs/dagre';
import type { FlowRunGraphNode } from '@weft/schemas';
import type { Edge, Node } from '@xyflow/react';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 58;

/** What a node of the graph carries: the task run or subflow run it draws. */
export type RunNodeData = { run: FlowRunGraphNode };
export type RunFlowNode = Node<RunNodeData, 'run'>;

/**
 * Lay a flow run's graph out left to right with dagre: each node after the nodes it took data
 * from or waited for. Nodes without edges line up in the first column, in the order they started.
 */
export function layoutGraph(runs: FlowRunGraphNode[]): {
  nodes: RunFlowNode[];
  edges: Edge[];
  height: number;
} {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 56, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ordered = [...runs].sort(
    (a, b) =>
      (a.startTime?.getTime() ?? Number.POSITIVE_INFINITY) -
      (b.startTime?.getTime() ?? Number.POSITIVE_INFINITY),
  );
  const ids = new Set(ordered.map((run) => run.id));
  for (const run of ordered) graph.setNode(run.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const edges: Edge[] = [];
  for (const run of ordered) {
    for (const child of run.children) {
      if (!ids.has(child.id)) continue;
      graph.setEdge(run.id, child.id);
      edges.push({ id: `${run.id}->${child.id}`, source: run.id, target: child.id });
    }
  }
  dagre.layout(graph);
  const nodes = ordered.map((run): RunFlowNode => {
    const { x, y } = graph.node(run.id);
    return {
      id: run.id,
      type: 'run',
      position: { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 },
      data: { run },
      draggable: false,
      connectable: false,
    };
  });
  const running = new Set(runs.filter((run) => run.stateType === 'RUNNING').map((run) => run.id));
  const height = graph.graph().height ?? NODE_HEIGHT;
  return { nodes, edges: edges.map((edge) => ({ ...edge, animated: running.has(edge.target) })), height };
}
