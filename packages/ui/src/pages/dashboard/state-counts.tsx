import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { HistoryBucket } from '@weft/schemas';
import { countRuns, type RunCount } from './count-runs';
import type { WindowKey } from './dashboard-window';

/** A count card: which runs it counts and where its link goes. */
interface CountSpec extends RunCount {
  label: string;
  color: string;
}

const FLOW_RUN_CARDS: CountSpec[] = [
  { label: 'Completed', color: 'green', types: ['COMPLETED'] },
  { label: 'Failed / Crashed', color: 'red', types: ['FAILED', 'CRASHED'] },
  { label: 'Running', color: 'blue', types: ['RUNNING'] },
  { label: 'Late', color: 'orange', names: ['Late'] },
  { label: 'Scheduled', color: 'yellow', types: ['SCHEDULED', 'PENDING'], notNames: ['Late'] },
  { label: 'Cancelled', color: 'gray', types: ['CANCELLED', 'CANCELLING'] },
];

const TASK_RUN_CARDS: CountSpec[] = [
  { label: 'Completed', color: 'green', types: ['COMPLETED'] },
  { label: 'Failed / Crashed', color: 'red', types: ['FAILED', 'CRASHED'] },
  { label: 'Running', color: 'blue', types: ['RUNNING'] },
];

function CountCard({ spec, count, window }: { spec: CountSpec; count: number; window?: WindowKey }) {
  const body = (
    <Paper withBorder p="sm" h="100%">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {spec.label}
      </Text>
      <Text size="xl" fw={700} c={count > 0 ? spec.color : 'dimmed'} data-testid="state-count">
        {count}
      </Text>
    </Paper>
  );
  // Task runs have no list of their own: their cards are not links.
  if (!window) return body;
  return (
    <Link
      to="/runs"
      search={{ state: spec.types, stateName: spec.names, from: window }}
      aria-label={`${count} ${spec.label} flow runs`}
      style={{ textDecoration: 'none', color: 'inherit' }}
    >
      {body}
    </Link>
  );
}

/** How many flow runs and task runs of the window are in each state, each a link to those runs. */
export function StateCounts({
  flowRuns,
  taskRuns,
  window,
}: {
  flowRuns: HistoryBucket[];
  taskRuns: HistoryBucket[] | undefined;
  window: WindowKey;
}) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="state-counts">
      <div>
        <Title order={4} size="h5" mb="xs">
          Flow runs · {countRuns(flowRuns, {})}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          {FLOW_RUN_CARDS.map((spec) => (
            <CountCard key={spec.label} spec={spec} count={countRuns(flowRuns, spec)} window={window} />
          ))}
        </SimpleGrid>
      </div>
      <div>
        <Title order={4} size="h5" mb="xs">
          Task runs · {taskRuns ? countRuns(taskRuns, {}) : '…'}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          {TASK_RUN_CARDS.map((spec) => (
            <CountCard key={spec.label} spec={spec} count={taskRuns ? countRuns(taskRuns, spec) : 0} />
          ))}
        </SimpleGrid>
      </div>
    </SimpleGrid>
  );
}
