import { Stack, Text, Title } from '@mantine/core';
import { createRootRoute } from '@tanstack/react-router';
import { AnchorLink } from '../components/links';
import { ErrorState } from '../components/query-state';
import { AppLayout } from './layout';

function NotFound() {
  return (
    <Stack gap="xs" py="xl" align="center">
      <Title order={3}>Nothing here</Title>
      <Text c="dimmed">This page does not exist, or the object it showed was deleted.</Text>
      <AnchorLink to="/">Back to the dashboard</AnchorLink>
    </Stack>
  );
}

/** The root of every route: the app frame; pages render in its outlet. */
export const rootRoute = createRootRoute({
  component: AppLayout,
  notFoundComponent: NotFound,
  errorComponent: ({ error, reset }) => <ErrorState error={error} retry={reset} />,
});
