import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { HistoryBucket, StateType } from '@weft/schemas';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { STATE_COLORS, STATE_TYPE_ORDER } from '../../lib/states';

function titleCase(type: string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

/** Ticks: the time of day for short windows, the date for long ones. */
function tickFormat(intervalSeconds: number): string {
  return intervalSeconds >= 43_200 ? 'MMM D' : intervalSeconds >= 3_600 ? 'MMM D HH:mm' : 'HH:mm';
}

/**
 * Flow runs per time bucket as stacked bars (recharts, loaded with this file only). A click on a bucket
 * opens the runs list for that bucket's time.
 */
export function HistoryBars({
  buckets,
  intervalSeconds,
}: {
  buckets: HistoryBucket[];
  intervalSeconds: number;
}) {
  const navigate = useNavigate();
  const { data, types } = useMemo(() => {
    const seen = new Set<StateType>();
    const rows = buckets.map((bucket) => {
      const row: Record<string, string | number> = {
        time: dayjs(bucket.intervalStart).format(tickFormat(intervalSeconds)),
      };
      for (const state of bucket.states) {
        seen.add(state.stateType);
        row[state.stateType] = ((row[state.stateType] as number | undefined) ?? 0) + state.count;
      }
      return row;
    });
    return { data: rows, types: STATE_TYPE_ORDER.filter((type) => seen.has(type)) };
  }, [buckets, intervalSeconds]);

  if (types.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="xl" ta="center">
        No flow runs in this window.
      </Text>
    );
  }
  return (
    <BarChart
      h={220}
      data={data}
      dataKey="time"
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      tickLine="none"
      gridAxis="x"
      series={types.map((type) => ({ name: type, label: titleCase(type), color: STATE_COLORS[type] }))}
      barChartProps={{
        onClick: (event) => {
          const index = Number(event?.activeTooltipIndex ?? Number.NaN);
          const bucket = Number.isInteger(index) ? buckets[index] : undefined;
          if (!bucket) return;
          navigate({
            to: '/runs',
            search: { from: bucket.intervalStart.toISOString(), to: bucket.intervalEnd.toISOString() },
          });
        },
        style: { cursor: 'pointer' },
      }}
    />
  );
}
