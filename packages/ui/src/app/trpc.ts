import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createWeftClient, type WeftClient } from '@weft/client';
import type { AppRouter } from '@weft/server/router';

/**
 * `useTRPC()` gives typed query and mutation options for every procedure:
 * `useQuery(trpc.flowRuns.read.queryOptions({ id }))`.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const API_KEY_STORAGE = 'weft.apiKey';

/** The API key the user entered for a server that needs one (kept in this browser only). */
export function storedApiKey(): string | undefined {
  return localStorage.getItem(API_KEY_STORAGE) ?? undefined;
}

export function storeApiKey(apiKey: string | undefined): void {
  if (apiKey) localStorage.setItem(API_KEY_STORAGE, apiKey);
  else localStorage.removeItem(API_KEY_STORAGE);
}

/** A client for the server that served this page (same origin, `/api`). */
export function createBrowserClient(apiKey: string | undefined): WeftClient {
  return createWeftClient({ url: window.location.origin, apiKey });
}
