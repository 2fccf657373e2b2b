import { Text } from '@mantine/core';

/** SCAFFOLD ONLY — every route's page replaces this before the UI lands. */
export function TodoPage({ name }: { name: string }) {
  return <Text c="dimmed">{name}</Text>;
}
