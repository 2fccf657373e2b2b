import { Box, Paper, Stack, Table, Text, Title, Tooltip, useMantineTheme } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FlowRun, State } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { EmptyState, QueryState } from '../../../components/query-state';
import { StateBadge } from '../../../components/state-badge';
import { formatDateTime } from '../../../lib/format';
import { stateColor } from './graph-node';
import { TimeAxis, TimelineRow } from './timeline-bars';
import { spanOf, stateStripEnd } from './timeline-span';
import { LIVE_REFETCH_MS } from './use-flow-run';

/** The flow run's own states as one bar: each state's stretch, until the next one (or now). */
function StateStrip({ states, now }: { states: State[]; now: number }) {
  const theme = useMantineTheme();
  if (states.length === 0) return null;
  const first = states[0]!.timestamp.getTime();
  const last = Math.max(stateStripEnd(states, now), first + 1);
  const total = Math.max(last - first, 1);
  return (
    <Box
      style={{ display: 'flex', height: 14, borderRadius: 4, overflow: 'hidden' }}
      data-testid="state-strip"
    >
      {states.map((state, i) => {
        const until = states[i + 1]?.timestamp.getTime() ?? last;
        const share = ((until - state.timestamp.getTime()) / total) * 100;
        return (
          <Tooltip key={state.id} label={`${state.name} at ${formatDateTime(state.timestamp)}`}>
            <Box style={{ width: `${share}%`, minWidth: 4, background: stateColor(state.type, theme) }} />
          </Tooltip>
        );
      })}
    </Box>
  );
}

function StateHistory({ states, now }: { states: State[]; now: number }) {
  return (
    <Stack gap="xs">
      <Title order={4}>State history</Title>
      <StateStrip states={states} now={now} />
      <Table data-testid="state-history">
        <Table.Tbody>
          {states.map((state) => (
            <Table.Tr key={state.id}>
              <Table.Td w={200}>
                <Text size="xs">{formatDateTime(state.timestamp)}</Text>
              </Table.Td>
              <Table.Td w={140}>
                <StateBadge type={state.type} name={state.name} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {state.message ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** A Gantt view of the run's task runs (by start), and the run's own state history. */
export function FlowRunTimeline({ run, live }: { run: FlowRun; live: boolean }) {
  const trpc = useTRPC();
  const graph = useQuery({
    ...trpc.flowRuns.graph.queryOptions({ id: run.id }),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
  const now = Date.now();
  return (
    <QueryState query={graph}>
      {(data) => {
        const nodes = [...data.nodes].sort(
          (a, b) =>
            (a.startTime?.getTime() ?? Number.POSITIVE_INFINITY) -
            (b.startTime?.getTime() ?? Number.POSITIVE_INFINITY),
        );
        const span = spanOf(data, now);
        return (
          <Stack gap="lg">
            {nodes.length === 0 ? (
              <EmptyState title={live ? 'No tasks have run yet' : 'No tasks ran'} />
            ) : (
              <Paper withBorder p="sm" data-testid="timeline">
                <TimeAxis span={span} />
                {nodes.map((node) => (
                  <TimelineRow key={node.id} node={node} span={span} now={now} />
                ))}
              </Paper>
            )}
            <StateHistory states={data.states} now={live ? now : (run.endTime?.getTime() ?? now)} />
          </Stack>
        );
      }}
    </QueryState>
  );
}
