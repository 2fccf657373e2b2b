import { Image, ThemeIcon } from '@mantine/core';
import {
  IconAbc,
  IconBox,
  IconBraces,
  IconCalendar,
  IconFolder,
  IconLock,
  IconWebhook,
} from '@tabler/icons-react';
import type { BlockType } from '@weft/schemas';

const BUILTIN_ICONS = {
  secret: IconLock,
  json: IconBraces,
  string: IconAbc,
  'date-time': IconCalendar,
  webhook: IconWebhook,
  'local-file-system': IconFolder,
} as const;

/** A block type's logo: its `logoUrl`, else an icon (the built-in types have their own). */
export function BlockLogo({
  type,
  size = 28,
}: {
  type: Pick<BlockType, 'slug' | 'name' | 'logoUrl'> | undefined;
  size?: number;
}) {
  if (type?.logoUrl)
    return <Image src={type.logoUrl} alt={`${type.name} logo`} w={size} h={size} fit="contain" />;
  const Icon = (type && BUILTIN_ICONS[type.slug as keyof typeof BUILTIN_ICONS]) ?? IconBox;
  return (
    <ThemeIcon variant="light" size={size} radius="sm" aria-hidden>
      <Icon size={Math.round(size * 0.62)} stroke={1.6} />
    </ThemeIcon>
  );
}
