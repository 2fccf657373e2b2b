import type { Variable } from '@weft/schemas';
import type { CliContext } from '../context';
import { formatRelativeTime } from './format';
import { renderTable } from './table';

/** A variable's value for people: strings as they are, anything else as compact JSON. */
export function formatVariableValue(value: Variable['value']): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The variable table for people. */
export function variableTable(variables: readonly Variable[], ctx: CliContext): string {
  const now = ctx.now();
  return renderTable(
    variables,
    [
      { header: 'NAME', value: (v) => v.name },
      { header: 'VALUE', value: (v) => formatVariableValue(v.value), flex: true },
      { header: 'TAGS', value: (v) => v.tags.join(', '), optional: true },
      { header: 'UPDATED', value: (v) => formatRelativeTime(v.updatedAt, now), optional: true },
    ],
    { width: ctx.width, color: ctx.color },
  );
}
