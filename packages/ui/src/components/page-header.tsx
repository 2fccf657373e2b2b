import { Breadcrumbs, Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { AnchorLink } from './links';

export interface Crumb {
  label: string;
  /** A path of the app (`/runs`); the last crumb usually has none. */
  to?: string;
}

/** The title of a page, where it sits, and its actions on the right. */
export function PageHeader({
  title,
  crumbs,
  actions,
  badge,
}: {
  title: ReactNode;
  crumbs?: Crumb[];
  actions?: ReactNode;
  badge?: ReactNode;
}) {
  return (
    <Stack gap={4} mb="md">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumbs>
          {crumbs.map((crumb) =>
            crumb.to ? (
              <AnchorLink key={crumb.label} to={crumb.to} size="sm">
                {crumb.label}
              </AnchorLink>
            ) : (
              <span key={crumb.label}>{crumb.label}</span>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="center" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={2} size="h3">
            {title}
          </Title>
          {badge}
        </Group>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  );
}
