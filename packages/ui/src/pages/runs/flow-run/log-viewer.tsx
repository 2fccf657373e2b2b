import { Button, Center, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import type { Log } from '@weft/schemas';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTRPC, useTRPCClient } from '../../../app/trpc';
import { EmptyState, ErrorState } from '../../../components/query-state';
import { type LogScope, logFilter, matchesLogFilter } from './log-filter';
import { LogLine } from './log-line';

export type { LogScope } from './log-filter';

const PAGE_SIZE = 200;

const LEVEL_OPTIONS = [
  { value: '0', label: 'All levels' },
  { value: '10', label: 'DEBUG and above' },
  { value: '20', label: 'INFO and above' },
  { value: '30', label: 'WARNING and above' },
  { value: '40', label: 'ERROR and above' },
];

/** The names of a flow run's task runs, to label each log line with the task that wrote it. */
function useTaskRunNames(flowRunId: string | null | undefined, enabled: boolean): Map<string, string> {
  const trpc = useTRPC();
  const taskRuns = useQuery({
    ...trpc.taskRuns.list.queryOptions({ filter: { flowRunId: { any: [flowRunId ?? ''] } }, limit: 200 }),
    enabled: enabled && !!flowRunId,
  });
  return useMemo(() => new Map((taskRuns.data ?? []).map((run) => [run.id, run.name])), [taskRuns.data]);
}

/**
 * The logs of a flow run or a task run, oldest first, a page at a time; with `live`, new lines are
 * appended as the server records them. A level filter and a text search narrow them down.
 * @example <LogViewer scope={{ flowRunId: run.id }} live={!isTerminalStateType(run.stateType)} />
 * @example <LogViewer scope={{ flowRunId: taskRun.flowRunId, taskRunId: taskRun.id }} live={running} />
 */
export function LogViewer({ scope, live = false }: { scope: LogScope; live?: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [level, setLevel] = useState(0);
  const [search, setSearch] = useState('');
  const [text] = useDebouncedValue(search.trim(), 300);
  const filter = logFilter(scope, level, text);
  const logs = useInfiniteQuery({
    queryKey: [...trpc.logs.list.queryKey(), 'log-viewer', filter],
    queryFn: ({ pageParam }) =>
      client.logs.list.query({ filter, sort: 'TIMESTAMP_ASC', limit: PAGE_SIZE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.length < PAGE_SIZE ? undefined : pages.length * PAGE_SIZE),
  });
  const names = useTaskRunNames(scope.flowRunId, !scope.taskRunId);

  const [tail, setTail] = useState<Log[]>([]);
  // A new filter reloads the pages, which hold what the tail had gathered.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the filter changes
  useEffect(() => setTail([]), [level, text, scope.flowRunId, scope.taskRunId]);
  useSubscription(
    trpc.logs.watch.subscriptionOptions(
      { flowRunId: scope.flowRunId ?? '' },
      {
        enabled: live && !!scope.flowRunId,
        onData: (log) => {
          if (matchesLogFilter(log, scope, level, text)) setTail((lines) => [...lines, log]);
        },
      },
    ),
  );
  // When the run ends, reload once: lines written between the first load and the subscription.
  const { refetch } = logs;
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) void refetch();
    wasLive.current = live;
  }, [live, refetch]);

  const lines = useMemo(() => {
    const loaded = logs.data?.pages.flat() ?? [];
    if (logs.hasNextPage) return loaded;
    const seen = new Set(loaded.map((log) => log.id));
    return [...loaded, ...tail.filter((log) => !seen.has(log.id))];
  }, [logs.data, logs.hasNextPage, tail]);

  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Select
          aria-label="Log level"
          data={LEVEL_OPTIONS}
          value={String(level)}
          onChange={(value) => setLevel(Number(value ?? 0))}
          allowDeselect={false}
          w={200}
        />
        <TextInput
          aria-label="Search logs"
          placeholder="Search logs"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={280}
        />
        {live && (
          <Text size="xs" c="dimmed" data-testid="log-live">
            Live: new lines appear as the run writes them
          </Text>
        )}
      </Group>
      {logs.isPending ? (
        <Center py="lg">
          <Loader size="sm" />
        </Center>
      ) : logs.isError ? (
        <ErrorState error={logs.error} retry={() => logs.refetch()} />
      ) : lines.length === 0 ? (
        <EmptyState title={level > 0 || text ? 'No logs match' : 'No logs yet'}>
          {level > 0 || text
            ? 'Try a lower level or another search.'
            : live
              ? 'Lines will appear here as the run writes them.'
              : 'This run wrote no logs.'}
        </EmptyState>
      ) : (
        <Paper withBorder p={0} data-testid="log-viewer">
          {lines.map((log) => (
            <LogLine
              key={log.id}
              log={log}
              taskRunName={
                log.taskRunId && !scope.taskRunId ? (names.get(log.taskRunId) ?? 'task run') : null
              }
            />
          ))}
        </Paper>
      )}
      {logs.hasNextPage && (
        <Group>
          <Button
            variant="default"
            size="xs"
            loading={logs.isFetchingNextPage}
            onClick={() => logs.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
