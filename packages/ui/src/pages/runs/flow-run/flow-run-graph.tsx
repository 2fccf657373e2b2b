import '@xyflow/react/dist/style.css';
import { Box, useComputedColorScheme, useMantineTheme } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { FlowRun } from '@weft/schemas';
import { Background, Controls, MiniMap, type NodeTypes, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useTRPC } from '../../../app/trpc';
import { EmptyState, QueryState } from '../../../components/query-state';
import { layoutGraph, type RunFlowNode } from './graph-layout';
import { GraphNode, stateColor } from './graph-node';
import { LIVE_REFETCH_MS } from './use-flow-run';

const NODE_TYPES: NodeTypes = { run: GraphNode };

function RunGraph({ graph }: { graph: { nodes: RunFlowNode['data']['run'][] } }) {
  const navigate = useNavigate();
  const scheme = useComputedColorScheme('light');
  const theme = useMantineTheme();
  const { nodes, edges, height } = useMemo(() => layoutGraph(graph.nodes), [graph.nodes]);
  return (
    <Box
      h={Math.min(640, Math.max(260, height + 48))}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
      data-testid="flow-run-graph"
    >
      <ReactFlow
        // A new node (a run still going, a retry) fits the view again.
        key={nodes.length}
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        colorMode={scheme}
        fitView
        fitViewOptions={{ maxZoom: 1.2 }}
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        onNodeClick={(_, node) => {
          const { run } = (node as RunFlowNode).data;
          if (run.kind === 'flow-run') void navigate({ to: '/runs/flow-run/$id', params: { id: run.id } });
          else void navigate({ to: '/runs/task-run/$id', params: { id: run.id } });
        }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        {nodes.length > 40 && (
          <MiniMap
            pannable
            zoomable
            nodeColor={(node) => stateColor((node as RunFlowNode).data.run.stateType, theme)}
          />
        )}
      </ReactFlow>
    </Box>
  );
}

/** The run's task runs and subflow runs as a DAG, left to right; a click opens a node's page. */
export function FlowRunGraphView({ run, live }: { run: FlowRun; live: boolean }) {
  const trpc = useTRPC();
  const graph = useQuery({
    ...trpc.flowRuns.graph.queryOptions({ id: run.id }),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
  return (
    <QueryState query={graph}>
      {(data) =>
        data.nodes.length === 0 ? (
          <EmptyState title={live ? 'No tasks have run yet' : 'No tasks ran'}>
            {live
              ? 'Task runs appear here as the flow starts them.'
              : 'This flow run ran no tasks; its logs may say what it did.'}
          </EmptyState>
        ) : (
          <RunGraph graph={data} />
        )
      }
    </QueryState>
  );
}
