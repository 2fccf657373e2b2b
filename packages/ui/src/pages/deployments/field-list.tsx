import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value of a {@link FieldGrid}: `Entrypoint  flows/etl.ts:etl`; `—` when empty. */
export function Field({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children ?? <Text c="dimmed">—</Text>}</div>
    </Stack>
  );
}

/** Labelled values in a grid. */
export function FieldGrid({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
      {children}
    </SimpleGrid>
  );
}
