import { Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { isWeftClientError } from '@weft/client';
import { type ReactNode, useState } from 'react';
import { storeApiKey, useTRPC } from './trpc';

/** The client may hand over its own `WeftClientError`, or tRPC's error wrapping it. */
function isUnauthorized(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return [error, cause].some((e) => isWeftClientError(e) && e.reason === 'UNAUTHORIZED');
}

/**
 * When the server has an API key (`WEFT_API_KEY`) and this browser has none or a wrong one, ask for
 * it; the key is kept in this browser's local storage and sent as a bearer token.
 */
export function ApiKeyGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const version = useQuery({ ...trpc.admin.version.queryOptions(), retry: false, staleTime: Infinity });
  const [key, setKey] = useState('');
  if (!version.isError || !isUnauthorized(version.error)) return <>{children}</>;
  return (
    <Card withBorder maw={440} mx="auto" mt="xl" padding="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          storeApiKey(key.trim());
          window.location.reload();
        }}
      >
        <Stack>
          <Title order={3}>This server needs an API key</Title>
          <Text size="sm" c="dimmed">
            Enter the key the server was started with (<code>WEFT_API_KEY</code>). It stays in this browser.
          </Text>
          <PasswordInput
            label="API key"
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            required
          />
          <Button type="submit">Continue</Button>
        </Stack>
      </form>
    </Card>
  );
}
