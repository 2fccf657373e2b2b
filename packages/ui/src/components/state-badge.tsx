import { Badge } from '@mantine/core';
import type { StateType } from '@weft/schemas';
import { STATE_COLORS } from '../lib/states';

/** A run's state: the name (`Late`, `Retrying`…) colored by its type. */
export function StateBadge({ type, name }: { type: StateType | null | undefined; name?: string | null }) {
  if (!type)
    return (
      <Badge color="gray" variant="outline">
        No state
      </Badge>
    );
  return (
    <Badge color={STATE_COLORS[type]} variant="filled" data-state-type={type}>
      {name ?? type.toLowerCase()}
    </Badge>
  );
}
