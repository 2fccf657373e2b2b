import { SimpleGrid, type SimpleGridProps, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value of an object's page: `ENTRYPOINT  flows/etl.ts:etl`; `—` when it has none. */
export function Fact({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children ?? <Text c="dimmed">—</Text>}
      </Text>
    </Stack>
  );
}

/** Facts in a grid: one column on a phone, three on a wide screen unless `cols` says otherwise. */
export function FactGrid({
  children,
  cols = { base: 1, sm: 2, lg: 3 },
}: SimpleGridProps & { children: ReactNode }) {
  return (
    <SimpleGrid cols={cols} spacing="md" verticalSpacing="sm">
      {children}
    </SimpleGrid>
  );
}
