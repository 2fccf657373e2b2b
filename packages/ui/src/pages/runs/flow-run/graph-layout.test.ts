import type { FlowRunGraphNode } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type RunFlowNode } from './graph-layout';

let counter = 0;
/** A node with a readable id (`a` → a uuid-looking id is not needed by the layout). */
function node(
  id: string,
  opts: {
    start?: number | null;
    children?: string[];
    parents?: string[];
    state?: FlowRunGraphNode['stateType'];
  } = {},
): FlowRunGraphNode {
  counter += 1;
  const start = opts.start === undefined ? counter * 1000 : opts.start;
  return {
    kind: 'task-run',
    id,
    label: `task-${id}`,
    stateType: opts.state ?? 'COMPLETED',
    stateName: null,
    startTime: start === null ? null : new Date(start),
    endTime: null,
    parents: (opts.parents ?? []).map((p) => ({ id: p })),
    children: (opts.children ?? []).map((c) => ({ id: c })),
  };
}

function byId(nodes: RunFlowNode[]): Record<string, RunFlowNode> {
  return Object.fromEntries(nodes.map((n) => [n.id, n]));
}

function overlaps(a: RunFlowNode, b: RunFlowNode): boolean {
  return (
    Math.abs(a.position.x - b.position.x) < NODE_WIDTH && Math.abs(a.position.y - b.position.y) < NODE_HEIGHT
  );
}

describe('layoutGraph', () => {
  it('lays out an empty graph as nothing, of no height', () => {
    expect(layoutGraph([])).toEqual({ nodes: [], edges: [], height: 0 });
  });

  it('puts each node to the right of the nodes it took data from, one edge per child', () => {
    const { nodes, edges } = layoutGraph([
      node('a', { children: ['b', 'c'] }),
      node('b', { parents: ['a'], children: ['d'] }),
      node('c', { parents: ['a'], children: ['d'] }),
      node('d', { parents: ['b', 'c'] }),
    ]);
    expect(edges.map((e) => e.id).sort()).toEqual(['a->b', 'a->c', 'b->d', 'c->d']);
    expect(edges.find((e) => e.id === 'a->b')).toMatchObject({ source: 'a', target: 'b' });
    const at = byId(nodes);
    expect(at.b!.position.x).toBeGreaterThanOrEqual(at.a!.position.x + NODE_WIDTH);
    expect(at.c!.position.x).toBeGreaterThanOrEqual(at.a!.position.x + NODE_WIDTH);
    expect(at.d!.position.x).toBeGreaterThanOrEqual(at.b!.position.x + NODE_WIDTH);
    // b and c are in the same rank, one above the other, not on top of each other.
    expect(at.b!.position.x).toBe(at.c!.position.x);
    expect(overlaps(at.b!, at.c!)).toBe(false);
  });

  it('gives each node its run, and React Flow props that keep it in place', () => {
    const runs = [node('a', { children: ['b'] }), node('b', { parents: ['a'] })];
    const { nodes } = layoutGraph(runs);
    expect(nodes).toHaveLength(2);
    for (const n of nodes) {
      expect(n).toMatchObject({ type: 'run', draggable: false, connectable: false });
      expect(n.data.run).toBe(runs.find((r) => r.id === n.id));
    }
  });

  it('positions are top-left corners: the linked layout starts at 0,0', () => {
    const { nodes } = layoutGraph([node('a', { children: ['b'] }), node('b', { parents: ['a'] })]);
    expect(Math.min(...nodes.map((n) => n.position.x))).toBe(0);
    expect(Math.min(...nodes.map((n) => n.position.y))).toBe(0);
  });

  it('drops edges to nodes outside the graph; a node whose parent is outside stands alone', () => {
    const { nodes, edges, height } = layoutGraph([
      node('a', { children: ['gone'] }),
      node('b', { parents: ['gone'] }),
    ]);
    expect(edges).toEqual([]);
    expect(nodes.map((n) => n.id)).toEqual(['a', 'b']);
    // With no edges, the nodes stand in one column (six or fewer), in the order they started.
    expect(nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: NODE_HEIGHT + 18 },
    ]);
    expect(height).toBe(2 * (NODE_HEIGHT + 18));
  });

  it('puts unconnected nodes below the connected ones, in a 4-wide grid when there are more than six', () => {
    const linked = [node('a', { children: ['b'] }), node('b', { parents: ['a'] })];
    const alone = Array.from({ length: 9 }, (_, i) => node(`s${i}`, { start: 100_000 + i }));
    const { nodes, height } = layoutGraph([...alone].reverse().concat(linked));
    const at = byId(nodes);
    const linkedBottom = Math.max(at.a!.position.y, at.b!.position.y) + NODE_HEIGHT;
    const grid = alone.map((run) => at[run.id]!);
    for (const cell of grid) expect(cell.position.y).toBeGreaterThan(linkedBottom);
    // Started order, row by row: s0 s1 s2 s3 / s4 … / s8.
    const top = grid[0]!.position.y;
    expect(
      grid.map((c) => [c.position.x / (NODE_WIDTH + 56), (c.position.y - top) / (NODE_HEIGHT + 18)]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
      [0, 2],
    ]);
    expect(height).toBe(top + 3 * (NODE_HEIGHT + 18));
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) expect(overlaps(nodes[i]!, nodes[j]!)).toBe(false);
    }
  });

  it('orders unconnected nodes by start time, never-started last', () => {
    const { nodes } = layoutGraph([
      node('late', { start: 3000 }),
      node('never', { start: null }),
      node('early', { start: 1000 }),
    ]);
    expect(nodes.map((n) => n.id)).toEqual(['early', 'late', 'never']);
    expect(nodes.map((n) => n.position.y)).toEqual([0, NODE_HEIGHT + 18, 2 * (NODE_HEIGHT + 18)]);
  });

  it('lays out a cycle (bad data) without throwing, every node placed apart', () => {
    const { nodes, edges } = layoutGraph([
      node('a', { children: ['b'] }),
      node('b', { children: ['c'] }),
      node('c', { children: ['a'] }),
    ]);
    expect(edges).toHaveLength(3);
    expect(nodes).toHaveLength(3);
    for (const n of nodes) expect(Number.isFinite(n.position.x) && Number.isFinite(n.position.y)).toBe(true);
    expect(
      overlaps(nodes[0]!, nodes[1]!) || overlaps(nodes[1]!, nodes[2]!) || overlaps(nodes[0]!, nodes[2]!),
    ).toBe(false);
  });

  it('animates the edges into running nodes only', () => {
    const { edges } = layoutGraph([
      node('a', { children: ['b', 'c'] }),
      node('b', { parents: ['a'], state: 'RUNNING' }),
      node('c', { parents: ['a'], state: 'PENDING' }),
    ]);
    expect(Object.fromEntries(edges.map((e) => [e.id, e.animated]))).toEqual({ 'a->b': true, 'a->c': false });
  });

  it('reports the height of the linked layout when every node is linked', () => {
    const { nodes, height } = layoutGraph([
      node('a', { children: ['b', 'c', 'd'] }),
      node('b'),
      node('c'),
      node('d'),
    ]);
    const bottom = Math.max(...nodes.map((n) => n.position.y + NODE_HEIGHT));
    expect(height).toBeGreaterThanOrEqual(bottom);
  });
});
