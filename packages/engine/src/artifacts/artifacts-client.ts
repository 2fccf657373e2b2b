import type { Artifact, ArtifactCreate, ArtifactUpdate } from '@weft/schemas';
import { getEngineSession } from '../config/engine-session';
import { findRunContext } from '../context/run-context';

type Mutation<TIn, TOut> = { mutate(input: TIn): Promise<TOut> };

/** The artifact procedures the engine calls: a structural slice of `WeftClient`. @internal */
export interface ArtifactsClient {
  artifacts: {
    create: Mutation<ArtifactCreate, Artifact>;
    update: Mutation<ArtifactUpdate, Artifact>;
  };
}

/** The current run's session client, else the process's session (WEFT_API_URL or embedded). @internal */
export async function resolveArtifactsClient(): Promise<ArtifactsClient> {
  const session = findRunContext()?.flowRun?.session ?? (await getEngineSession());
  // The session's client is a whole WeftClient; this port names the slice used here.
  return session.client as unknown as ArtifactsClient;
}
