import { Group, SegmentedControl } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { QUICK_RANGES } from './runs-search';

const CUSTOM = 'custom';
const ANY = 'any';

function toIso(value: string | null): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

/**
 * The time a run is expected to start: any time, a quick range back from now, or a custom span
 * picked on calendars.
 */
export function TimeRangeFilter({
  from,
  to,
  onChange,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (range: { from?: string; to?: string }) => void;
}) {
  const quick = from && !to && from in QUICK_RANGES ? from : undefined;
  const mode = quick ?? (from || to ? CUSTOM : ANY);
  return (
    <Group gap="xs" align="flex-end">
      <SegmentedControl
        size="xs"
        aria-label="Time range"
        value={mode}
        data={[
          { value: ANY, label: 'Any time' },
          ...Object.keys(QUICK_RANGES).map((range) => ({ value: range, label: range })),
          { value: CUSTOM, label: 'Custom' },
        ]}
        onChange={(value) => {
          if (value === ANY) onChange({});
          else if (value === CUSTOM)
            onChange({ from: new Date(Date.now() - QUICK_RANGES['24h']).toISOString(), to: undefined });
          else onChange({ from: value });
        }}
      />
      {mode === CUSTOM && (
        <>
          <DateTimePicker
            size="xs"
            w={190}
            label="From"
            placeholder="Any time"
            clearable
            value={from ? new Date(from) : null}
            onChange={(value) => onChange({ from: toIso(value), to })}
          />
          <DateTimePicker
            size="xs"
            w={190}
            label="To"
            placeholder="Now"
            clearable
            value={to ? new Date(to) : null}
            onChange={(value) => onChange({ from, to: toIso(value) })}
          />
        </>
      )}
    </Group>
  );
}
