import { Badge } from '@mantine/core';
import type { ArtifactType } from '@weft/schemas';

const TYPE_COLORS: Record<ArtifactType, string> = {
  markdown: 'indigo',
  table: 'teal',
  link: 'blue',
  progress: 'yellow',
  image: 'grape',
  result: 'gray',
};

/** An artifact's type, colored. */
export function ArtifactTypeBadge({ type }: { type: ArtifactType }) {
  return (
    <Badge variant="light" color={TYPE_COLORS[type]} size="sm" tt="none">
      {type}
    </Badge>
  );
}
