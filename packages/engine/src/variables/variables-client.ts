import type { Variable, VariableSet } from '@weft/schemas';
import { getEngineSession } from '../config/engine-session';
import { findRunContext } from '../context/run-context';

type Mutation<TIn, TOut> = { mutate(input: TIn): Promise<TOut> };
type Query<TIn, TOut> = { query(input: TIn): Promise<TOut> };

/** The variable procedures the engine calls: a structural slice of `WeftClient`. @internal */
export interface VariablesClient {
  variables: {
    read: Query<{ name: string }, Variable>;
    set: Mutation<VariableSet, Variable>;
    delete: Mutation<{ name: string }, { id: string; name: string }>;
  };
}

/** The current run's session client, else the process's session (WEFT_API_URL or embedded). @internal */
export async function resolveVariablesClient(): Promise<VariablesClient> {
  const session = findRunContext()?.flowRun?.session ?? (await getEngineSession());
  // The session's client is a whole WeftClient; this port names the slice used here.
  return session.client as unknown as VariablesClient;
}
