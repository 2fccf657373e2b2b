import type { UseQueryResult } from '@tanstack/react-query';

/**
 * A tRPC query's result as `QueryState` takes it (its error typed as `Error`). Needed until
 * `QueryState` accepts tRPC's error type; see the note in the UI report.
 */
export type QueryOf<Q> = Q extends { data: infer D } ? UseQueryResult<NonNullable<D>> : never;
