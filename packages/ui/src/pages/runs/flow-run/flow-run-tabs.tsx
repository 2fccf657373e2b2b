import { Center, Loader, Tabs } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { FlowRun } from '@weft/schemas';
import { lazy, type ReactNode, Suspense } from 'react';
import { JsonView } from '../../../components/json-view';
import { DetailsTab } from './details-tab';
import { FlowRunGraphView } from './flow-run-graph';
import type { FlowRunTab } from './flow-run-search';
import { FlowRunTimeline } from './flow-run-timeline';
import { LogViewer } from './log-viewer';
import { ResultTab } from './result-tab';
import { SubflowsTab } from './subflows-tab';
import { TaskRunsTab } from './task-runs-tab';

// Artifacts render markdown (react-markdown + remark-gfm): that code loads when the tab opens.
const ArtifactsTab = lazy(() =>
  import('./artifacts-tab').then((module) => ({ default: module.ArtifactsTab })),
);

const LABELS: Record<FlowRunTab, string> = {
  graph: 'Graph',
  timeline: 'Timeline',
  logs: 'Logs',
  'task-runs': 'Task runs',
  subflows: 'Subflows',
  artifacts: 'Artifacts',
  parameters: 'Parameters',
  result: 'Result',
  details: 'Details',
};

function panel(tab: FlowRunTab, run: FlowRun, live: boolean): ReactNode {
  switch (tab) {
    case 'graph':
      return <FlowRunGraphView run={run} live={live} />;
    case 'timeline':
      return <FlowRunTimeline run={run} live={live} />;
    case 'logs':
      return <LogViewer scope={{ flowRunId: run.id }} live={live} />;
    case 'task-runs':
      return <TaskRunsTab run={run} live={live} />;
    case 'subflows':
      return <SubflowsTab run={run} live={live} />;
    case 'artifacts':
      return <ArtifactsTab run={run} live={live} />;
    case 'parameters':
      return <JsonView value={run.parameters} maxHeight={600} />;
    case 'result':
      return <ResultTab run={run} />;
    case 'details':
      return <DetailsTab run={run} />;
  }
}

/** What the run did, one tab each; the open tab is in the URL (`?tab=logs`). */
export function FlowRunTabs({ run, live, tab }: { run: FlowRun; live: boolean; tab: FlowRunTab }) {
  const navigate = useNavigate({ from: '/runs/flow-run/$id' });
  return (
    <Tabs
      value={tab}
      keepMounted={false}
      onChange={(value) => {
        if (value)
          void navigate({ search: (prev) => ({ ...prev, tab: value as FlowRunTab }), replace: true });
      }}
    >
      <Tabs.List mb="md">
        {(Object.keys(LABELS) as FlowRunTab[]).map((value) => (
          <Tabs.Tab
            key={value}
            value={value}
            color={value === 'result' && run.stateType === 'FAILED' ? 'red' : undefined}
          >
            {LABELS[value]}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value={tab}>
        <Suspense
          fallback={
            <Center py="lg">
              <Loader size="sm" />
            </Center>
          }
        >
          {panel(tab, run, live)}
        </Suspense>
      </Tabs.Panel>
    </Tabs>
  );
}
