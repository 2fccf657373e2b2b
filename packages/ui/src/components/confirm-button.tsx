import { Button, type ButtonProps, Group, Popover, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';

/**
 * A button that asks before it acts: deleting and cancelling can't be undone.
 * @example <ConfirmButton color="red" confirm="Delete this run?" onConfirm={() => del.mutate({ id })}>Delete</ConfirmButton>
 */
export function ConfirmButton({
  confirm,
  onConfirm,
  children,
  loading,
  ...button
}: ButtonProps & { confirm: ReactNode; onConfirm: () => void; children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} withArrow shadow="md" position="bottom-end">
      <Popover.Target>
        <Button size="xs" variant="light" {...button} loading={loading} onClick={() => setOpened((o) => !o)}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm">{confirm}</Text>
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              Keep
            </Button>
            <Button
              size="xs"
              color={button.color ?? 'red'}
              onClick={() => {
                setOpened(false);
                onConfirm();
              }}
            >
              Yes
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
