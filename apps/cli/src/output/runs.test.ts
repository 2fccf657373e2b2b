import type { FlowRun } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { flowRunTable, formatLogLine, levelName, stateLabel } from './runs';

const now = new Date('2026-01-10T12:00:00Z');
const run = {
  id: '01a1fc03-b2ae-77f7-915e-2f453a912351',
  name: 'a-rather-long-generated-run-name',
  flowName: 'nightly-warehouse-refresh',
  stateType: 'FAILED',
  stateName: 'Failed',
  startTime: new Date('2026-01-10T11:55:00Z'),
  expectedStartTime: new Date('2026-01-10T11:55:00Z'),
  estimatedRunTime: 184,
} as FlowRun;

const contextFor = (stdout: { isTTY?: boolean; columns?: number }, env: Record<string, string> = {}) =>
  createContext({
    stdout: { write: () => true, ...stdout },
    stderr: { write: () => true },
    env,
    now: () => now,
  });

describe('flow run table', () => {
  it('colours states on a terminal and fits its width', () => {
    const table = flowRunTable([run], contextFor({ isTTY: true, columns: 100 }));
    expect(table).toContain('\u001b[31mFAILED');
    const plain = table.split('\u001b[').map((part, i) => (i === 0 ? part : part.replace(/^\d+m/, '')));
    for (const line of plain.join('').trimEnd().split('\n')) {
      expect(line.length).toBeLessThanOrEqual(100);
    }
    expect(table).toMatch(/5m ago +3m 04s\n$/);
  });

  it('prints no colour with NO_COLOR or when piped, and does not truncate when piped', () => {
    expect(flowRunTable([run], contextFor({ isTTY: true, columns: 200 }, { NO_COLOR: '1' }))).not.toContain(
      '\u001b[',
    );
    const piped = flowRunTable([run], contextFor({ isTTY: false, columns: 40 }));
    expect(piped).not.toContain('\u001b[');
    expect(piped).toContain('a-rather-long-generated-run-name  nightly-warehouse-refresh  FAILED');
  });
});

describe('labels', () => {
  it('shows a state name only when it says more than the type', () => {
    expect(stateLabel({ stateType: 'SCHEDULED', stateName: 'Late' })).toBe('SCHEDULED (Late)');
    expect(stateLabel({ stateType: 'RUNNING', stateName: 'Running' })).toBe('RUNNING');
    expect(stateLabel({ stateType: null, stateName: null })).toBe('-');
  });

  it('names log levels, rounding in-between levels down', () => {
    expect([5, 10, 20, 25, 30, 40, 50].map(levelName)).toEqual([
      'LEVEL 5',
      'DEBUG',
      'INFO',
      'INFO',
      'WARNING',
      'ERROR',
      'CRITICAL',
    ]);
    const line = formatLogLine(
      {
        id: 'x',
        name: 'weft.task_runs',
        level: 40,
        message: 'boom',
        timestamp: new Date('2026-01-10T12:00:01.5Z'),
        flowRunId: null,
        taskRunId: null,
      },
      false,
    );
    expect(line).toBe('2026-01-10 12:00:01.500 | ERROR    | weft.task_runs - boom');
  });
});
