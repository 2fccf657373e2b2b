import { Box, Group, Text } from '@mantine/core';
import type { Log } from '@weft/schemas';
import dayjs from 'dayjs';
import { AnchorLink } from '../../../components/links';
import { formatDateTime, levelName } from '../../../lib/format';

const LEVEL_COLORS: Record<string, string> = {
  DEBUG: 'dimmed',
  INFO: 'blue',
  WARNING: 'yellow.8',
  ERROR: 'red',
  CRITICAL: 'red.9',
};

/**
 * One log line: its time, level, the task run that wrote it (a link) and the message, which keeps
 * its newlines (tracebacks) and wraps.
 */
export function LogLine({ log, taskRunName }: { log: Log; taskRunName: string | null }) {
  const level = levelName(log.level);
  return (
    <Group
      data-testid="log-line"
      data-level={level}
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      px="sm"
      py={4}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Text
        size="xs"
        ff="monospace"
        c="dimmed"
        title={formatDateTime(log.timestamp)}
        style={{ whiteSpace: 'nowrap' }}
      >
        {dayjs(log.timestamp).format('HH:mm:ss.SSS')}
      </Text>
      <Text size="xs" ff="monospace" fw={700} c={LEVEL_COLORS[level]} w={64} style={{ flexShrink: 0 }}>
        {level}
      </Text>
      <Box style={{ minWidth: 0, flex: 1 }}>
        {taskRunName && log.taskRunId && (
          <AnchorLink to="/runs/task-run/$id" params={{ id: log.taskRunId }} size="xs" ff="monospace" mr="xs">
            {taskRunName}
          </AnchorLink>
        )}
        <Text
          component="span"
          size="xs"
          ff="monospace"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        >
          {log.message}
        </Text>
      </Box>
    </Group>
  );
}
