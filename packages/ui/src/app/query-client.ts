import { QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';

/** Errors that another try won't fix: a bad input, a missing object, no right to see it. */
function isFinal(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const code = (error.data as { code?: string } | undefined)?.code;
  return code === 'BAD_REQUEST' || code === 'NOT_FOUND' || code === 'UNAUTHORIZED' || code === 'FORBIDDEN';
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        retry: (failures, error) => !isFinal(error) && failures < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
}
