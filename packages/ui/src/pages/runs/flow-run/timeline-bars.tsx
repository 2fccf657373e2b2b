import { Box, Group, Text, Tooltip, useMantineTheme } from '@mantine/core';
import type { FlowRunGraphNode } from '@weft/schemas';
import { AnchorLink } from '../../../components/links';
import { formatDateTime, formatDuration, secondsBetween } from '../../../lib/format';
import { stateColor } from './graph-node';
import type { Span } from './timeline-span';

const LABEL_WIDTH = 220;
/** Where the axis labels go, as fractions of the span. */
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** The time span a timeline draws: from the first start to the last end (or now, while running). */

function percent(time: number, span: Span): number {
  const length = Math.max(span.end - span.start, 1);
  return Math.min(100, Math.max(0, ((time - span.start) / length) * 100));
}

/** Offsets from the start of the span under the bars: `+0s`, `+1.5s`, … */
export function TimeAxis({ span }: { span: Span }) {
  const seconds = (span.end - span.start) / 1000;
  return (
    <Group gap={0} wrap="nowrap" mb={4}>
      <Box w={LABEL_WIDTH} style={{ flexShrink: 0 }} />
      <Box pos="relative" h={16} style={{ flex: 1 }}>
        {TICKS.map((fraction) => (
          <Text
            key={fraction}
            size="xs"
            c="dimmed"
            pos="absolute"
            style={{
              left: `${fraction * 100}%`,
              transform: fraction === 1 ? 'translateX(-100%)' : undefined,
            }}
          >
            +{formatDuration(seconds * fraction)}
          </Text>
        ))}
      </Box>
    </Group>
  );
}

/** One task run or subflow run: its name (a link) and a bar from its start to its end. */
export function TimelineRow({ node, span, now }: { node: FlowRunGraphNode; span: Span; now: number }) {
  const color = stateColor(node.stateType, useMantineTheme());
  const start = node.startTime?.getTime();
  const end = node.endTime?.getTime() ?? now;
  const left = start === undefined ? 0 : percent(start, span);
  const width = start === undefined ? 0 : Math.max(percent(end, span) - left, 0.4);
  const duration = node.startTime
    ? formatDuration(secondsBetween(node.startTime, node.endTime))
    : 'not started';
  return (
    <Group gap={0} wrap="nowrap" py={3} data-testid="timeline-row" data-state-type={node.stateType ?? ''}>
      <Box w={LABEL_WIDTH} pr="sm" style={{ flexShrink: 0, minWidth: 0 }}>
        <AnchorLink
          to={node.kind === 'flow-run' ? '/runs/flow-run/$id' : '/runs/task-run/$id'}
          params={{ id: node.id }}
          size="xs"
          truncate="end"
          display="block"
        >
          {node.label}
        </AnchorLink>
      </Box>
      <Box
        pos="relative"
        h={18}
        style={{ flex: 1, background: 'var(--mantine-color-default-hover)', borderRadius: 4 }}
      >
        {start !== undefined && (
          <Tooltip
            label={`${node.stateName ?? 'No state'} · ${duration} · started ${formatDateTime(node.startTime)}`}
            withinPortal
          >
            <Box
              pos="absolute"
              h="100%"
              style={{
                left: `${left}%`,
                width: `${width}%`,
                minWidth: 3,
                background: color,
                borderRadius: 4,
              }}
            />
          </Tooltip>
        )}
        {start === undefined && (
          <Text size="xs" c="dimmed" pl={6} lh="18px">
            {node.stateName ?? 'not started'}
          </Text>
        )}
      </Box>
    </Group>
  );
}
