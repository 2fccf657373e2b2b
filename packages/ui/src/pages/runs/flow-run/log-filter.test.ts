import type { Log } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { logFilter, matchesLogFilter } from './log-filter';

const FLOW_RUN = '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f80';
const TASK_RUN = '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f81';
const OTHER_TASK_RUN = '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f82';

function log(fields: Partial<Log>): Log {
  return {
    id: '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f90',
    name: 'weft.task_runs',
    level: 20,
    message: 'Loaded 42 Rows from S3',
    timestamp: new Date('2026-01-01T00:00:00Z'),
    flowRunId: FLOW_RUN,
    taskRunId: TASK_RUN,
    ...fields,
  };
}

describe('logFilter', () => {
  it('asks for all of a flow run`s logs when nothing narrows them', () => {
    expect(logFilter({ flowRunId: FLOW_RUN }, 0, '')).toEqual({ flowRunId: { any: [FLOW_RUN] } });
  });

  it('asks for one task run`s logs only, even when the flow run is known', () => {
    expect(logFilter({ flowRunId: FLOW_RUN, taskRunId: TASK_RUN }, 0, '')).toEqual({
      taskRunId: { any: [TASK_RUN] },
    });
  });

  it('adds the minimum level and the search text', () => {
    expect(logFilter({ flowRunId: FLOW_RUN }, 30, 'rows')).toEqual({
      flowRunId: { any: [FLOW_RUN] },
      level: { ge: 30 },
      text: 'rows',
    });
  });

  it('has no run filter when the scope names no run', () => {
    expect(logFilter({ flowRunId: null }, 0, '')).toEqual({});
  });
});

describe('matchesLogFilter', () => {
  it('takes every line of the flow run when nothing narrows them', () => {
    expect(matchesLogFilter(log({}), { flowRunId: FLOW_RUN }, 0, '')).toBe(true);
    expect(matchesLogFilter(log({ taskRunId: null }), { flowRunId: FLOW_RUN }, 0, '')).toBe(true);
  });

  it('keeps only the task run`s own lines in a task run`s view', () => {
    const scope = { flowRunId: FLOW_RUN, taskRunId: TASK_RUN };
    expect(matchesLogFilter(log({}), scope, 0, '')).toBe(true);
    expect(matchesLogFilter(log({ taskRunId: OTHER_TASK_RUN }), scope, 0, '')).toBe(false);
    expect(matchesLogFilter(log({ taskRunId: null }), scope, 0, '')).toBe(false);
  });

  it('keeps lines at the level and above', () => {
    const scope = { flowRunId: FLOW_RUN };
    expect(matchesLogFilter(log({ level: 30 }), scope, 30, '')).toBe(true);
    expect(matchesLogFilter(log({ level: 40 }), scope, 30, '')).toBe(true);
    expect(matchesLogFilter(log({ level: 29 }), scope, 30, '')).toBe(false);
  });

  it('finds the text anywhere in the message, whatever its case, as the server does', () => {
    const scope = { flowRunId: FLOW_RUN };
    expect(matchesLogFilter(log({}), scope, 0, '42 rows')).toBe(true);
    expect(matchesLogFilter(log({}), scope, 0, 'S3')).toBe(true);
    expect(matchesLogFilter(log({}), scope, 0, 'LOADED')).toBe(true);
    expect(matchesLogFilter(log({}), scope, 0, 'written')).toBe(false);
    // Characters that are wildcards to SQL's LIKE are plain text to the server (escaped) and here.
    expect(matchesLogFilter(log({}), scope, 0, '%')).toBe(false);
    expect(matchesLogFilter(log({ message: '100% done' }), scope, 0, '0% d')).toBe(true);
  });
});
