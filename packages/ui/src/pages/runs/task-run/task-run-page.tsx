import { Badge, Group, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { isTerminalStateType, type TaskRun } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StateBadge } from '../../../components/state-badge';
import { LogViewer } from '../flow-run/log-viewer';
import { TaskRunFacts } from './task-run-facts';
import { TaskRunInputs } from './task-run-inputs';
import { TaskRunResult } from './task-run-result';
import { TASK_RUN_TABS, type TaskRunTab } from './task-run-search';
import { TaskRunStates } from './task-run-states';

const route = getRouteApi('/runs/task-run/$id');

const TAB_LABELS: Record<TaskRunTab, string> = {
  logs: 'Logs',
  inputs: 'Inputs',
  states: 'State history',
  result: 'Result',
};

function TaskRunView({ run }: { run: TaskRun }) {
  const trpc = useTRPC();
  const { tab = 'logs' } = route.useSearch();
  const navigate = route.useNavigate();
  const flowRun = useQuery({
    ...trpc.flowRuns.read.queryOptions({ id: run.flowRunId ?? '' }),
    enabled: run.flowRunId !== null,
  });
  const running = !isTerminalStateType(run.stateType);
  return (
    <>
      <PageHeader
        title={run.name}
        badge={<StateBadge type={run.stateType} name={run.stateName} />}
        crumbs={[
          { label: 'Runs', to: '/runs' },
          ...(run.flowRunId
            ? [{ label: flowRun.data?.name ?? 'Flow run', to: `/runs/flow-run/${run.flowRunId}` }]
            : []),
          { label: run.name },
        ]}
      />
      {run.tags.length > 0 && (
        <Group gap={4} mb="sm">
          {run.tags.map((tag) => (
            <Badge key={tag} variant="light" color="gray" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
      <TaskRunFacts run={run} flowRunName={flowRun.data?.name} />
      <Tabs
        value={tab}
        onChange={(value) =>
          navigate({ search: { tab: value === 'logs' ? undefined : (value as TaskRunTab) }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TASK_RUN_TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {TAB_LABELS[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="logs">
          <LogViewer scope={{ flowRunId: run.flowRunId, taskRunId: run.id }} live={running} />
        </Tabs.Panel>
        <Tabs.Panel value="inputs">
          <TaskRunInputs run={run} />
        </Tabs.Panel>
        <Tabs.Panel value="states">
          <TaskRunStates run={run} />
        </Tabs.Panel>
        <Tabs.Panel value="result">
          <TaskRunResult run={run} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** A task run: what it is, when it ran, where its inputs came from, its states, logs and result. */
export function TaskRunPage() {
  const { id } = route.useParams();
  const trpc = useTRPC();
  const taskRun = useQuery({
    ...trpc.taskRuns.read.queryOptions({ id }),
    // A running task run changes; a finished one does not.
    refetchInterval: (query) => (isTerminalStateType(query.state.data?.stateType) ? false : 5_000),
  });
  return <QueryState query={taskRun}>{(run) => <TaskRunView run={run} />}</QueryState>;
}
