import { ActionIcon, Button, Group, NumberInput, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';

/**
 * A concurrency limit, shown and edited in place: blank means unlimited.
 * @example <ConcurrencyLimitEditor value={pool.concurrencyLimit} saving={update.isPending} onSave={(limit) => update.mutate({ name, concurrencyLimit: limit })} />
 */
export function ConcurrencyLimitEditor({
  value,
  onSave,
  saving,
  label,
}: {
  value: number | null;
  onSave: (limit: number | null, done: () => void) => void;
  saving: boolean;
  label: string;
}) {
  const [draft, setDraft] = useState<string | number | null>(null);
  if (draft === null) {
    return (
      <Group gap={4} wrap="nowrap">
        <Text size="sm">{value ?? 'Unlimited'}</Text>
        <Tooltip label={`Change the ${label}`}>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={`Change the ${label}`}
            onClick={() => setDraft(value ?? '')}
            data-testid="edit-concurrency-limit"
          >
            <IconPencil size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
    );
  }
  const limit = draft === '' ? null : Number(draft);
  const invalid = limit !== null && (!Number.isInteger(limit) || limit < 0);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!invalid) onSave(limit, () => setDraft(null));
      }}
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <NumberInput
          aria-label={label}
          placeholder="Unlimited"
          min={0}
          allowDecimal={false}
          value={draft}
          onChange={setDraft}
          error={invalid ? 'A whole number, 0 or more' : undefined}
          size="xs"
          w={120}
          autoFocus
          data-testid="concurrency-limit-input"
        />
        <Button type="submit" size="xs" loading={saving} disabled={invalid}>
          Save
        </Button>
        <Button size="xs" variant="default" onClick={() => setDraft(null)}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}
