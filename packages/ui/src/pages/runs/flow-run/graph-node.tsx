import { alpha, Group, type MantineTheme, parseThemeColor, Text, useMantineTheme } from '@mantine/core';
import { IconSitemap } from '@tabler/icons-react';
import type { StateType } from '@weft/schemas';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { formatDuration, secondsBetween } from '../../../lib/format';
import { STATE_COLORS } from '../../../lib/states';
import { NODE_HEIGHT, NODE_WIDTH, type RunFlowNode } from './graph-layout';

/** The color of a state type, as a CSS color (gray for no state). */
export function stateColor(type: StateType | null, theme: MantineTheme): string {
  return parseThemeColor({ color: type ? STATE_COLORS[type] : 'gray.5', theme }).value;
}

/** A task run (or a subflow run, with an icon) of the graph: its name, state and duration. */
export function GraphNode({ data }: NodeProps<RunFlowNode>) {
  const { run } = data;
  const color = stateColor(run.stateType, useMantineTheme());
  const subflow = run.kind === 'flow-run';
  return (
    <div
      data-testid="graph-node"
      data-state-type={run.stateType ?? ''}
      data-kind={run.kind}
      title={subflow ? 'Subflow run: open its page' : 'Task run: open its page'}
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        border: `2px solid ${color}`,
        borderStyle: subflow ? 'double' : 'solid',
        borderWidth: subflow ? 4 : 2,
        background: alpha(color, 0.14),
        borderRadius: 8,
        padding: '6px 10px',
        cursor: 'pointer',
        color: 'var(--mantine-color-text)',
      }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Group gap={4} wrap="nowrap">
        {subflow && <IconSitemap size={14} style={{ flexShrink: 0 }} aria-label="Subflow run" />}
        <Text size="xs" fw={600} truncate="end">
          {run.label}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" truncate="end">
        {run.stateName ?? 'No state'}
        {run.startTime ? ` · ${formatDuration(secondsBetween(run.startTime, run.endTime))}` : ''}
      </Text>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
