import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelativeTime, paint, shouldUseColor } from './format';
import { renderTable, truncate } from './table';

interface Row {
  id: string;
  name: string;
  n: number;
}

const rows: Row[] = [
  { id: 'a1', name: 'short', n: 1 },
  { id: 'b2', name: 'a much longer name for a run', n: 12345 },
];

const columns = [
  { header: 'ID', value: (r: Row) => r.id },
  { header: 'NAME', value: (r: Row) => r.name, flex: true },
  { header: 'COUNT', value: (r: Row) => String(r.n), align: 'right' as const },
];

describe('renderTable', () => {
  it('aligns columns two spaces apart, right-aligning numbers', () => {
    expect(renderTable(rows, columns)).toBe(
      [
        'ID  NAME                          COUNT',
        'a1  short                             1',
        'b2  a much longer name for a run  12345',
        '',
      ].join('\n'),
    );
  });

  it('truncates flex columns with an ellipsis to fit the width', () => {
    const lines = renderTable(rows, columns, { width: 24 }).trimEnd().split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(24);
    expect(lines[2]).toBe('b2  a much longe…  12345');
  });

  it('never shrinks fixed columns below their content, even when the terminal is too narrow', () => {
    const lines = renderTable(rows, columns, { width: 5 }).trimEnd().split('\n');
    expect(lines[2]).toMatch(/^b2 {2}a much… {3}12345$/);
  });

  it('drops optional columns, rightmost first, only when shrinking is not enough', () => {
    const optional = [
      { header: 'ID', value: (r: Row) => r.id },
      { header: 'NAME', value: (r: Row) => r.name, flex: true },
      { header: 'A', value: () => 'aaaa', optional: true },
      { header: 'B', value: () => 'bbbb', optional: true },
    ];
    expect(renderTable(rows, optional, { width: 100 }).split('\n')[0]).toBe(
      'ID  NAME                          A     B',
    );
    // 2+2+8+2+4+2+4 = 24: shrinking NAME suffices.
    expect(renderTable(rows, optional, { width: 24 }).split('\n')[0]).toBe('ID  NAME      A     B');
    expect(renderTable(rows, optional, { width: 20 }).split('\n')[0]).toBe('ID  NAME        A');
    expect(renderTable(rows, optional, { width: 10 }).split('\n')[2]).toBe('b2  a much…');
  });

  it('prints the header alone for no rows and colours cells only when asked', () => {
    expect(renderTable([], columns)).toBe('ID  NAME  COUNT\n');
    const coloured = renderTable(rows.slice(0, 1), [{ ...columns[0]!, color: () => 'green' as const }], {
      color: true,
    });
    expect(coloured).toBe('\u001b[1mID\u001b[22m\n\u001b[32ma1\u001b[39m\n');
    expect(renderTable(rows.slice(0, 1), [{ ...columns[0]!, color: () => 'green' as const }])).toBe(
      'ID\na1\n',
    );
  });

  it('flattens multi-line cells to one line', () => {
    expect(renderTable([{ id: 'x', name: 'line one\n  line two', n: 0 }], columns.slice(0, 2))).toContain(
      'x   line one line two',
    );
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});

describe('formatRelativeTime and formatDuration', () => {
  const now = new Date('2026-01-10T12:00:00Z');

  it('says how long ago or how far ahead', () => {
    expect(formatRelativeTime(new Date('2026-01-10T11:59:59.5Z'), now)).toBe('just now');
    expect(formatRelativeTime(new Date('2026-01-10T11:59:18Z'), now)).toBe('42s ago');
    expect(formatRelativeTime(new Date('2026-01-10T11:55:00Z'), now)).toBe('5m ago');
    expect(formatRelativeTime(new Date('2026-01-10T09:00:00Z'), now)).toBe('3h ago');
    expect(formatRelativeTime(new Date('2026-01-08T12:00:00Z'), now)).toBe('2d ago');
    expect(formatRelativeTime('2026-01-10T12:05:00Z', now)).toBe('in 5m');
    expect(formatRelativeTime(null, now)).toBe('-');
  });

  it('prints durations at a readable precision', () => {
    expect(formatDuration(0.35)).toBe('350ms');
    expect(formatDuration(4.27)).toBe('4.2s');
    expect(formatDuration(184)).toBe('3m 04s');
    expect(formatDuration(7500)).toBe('2h 05m');
    expect(formatDuration(97_200)).toBe('1d 3h');
    expect(formatDuration(null)).toBe('-');
  });
});

describe('colour', () => {
  it('is on for a TTY, off with NO_COLOR or when piped, forced by FORCE_COLOR', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({}, { FORCE_COLOR: '1' })).toBe(true);
    expect(paint('x', 'red', false)).toBe('x');
  });
});
