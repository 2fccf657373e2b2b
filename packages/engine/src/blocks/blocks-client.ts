import type { BlockDocument, BlockDocumentCreate, BlockDocumentUpdate } from '@weft/schemas';
import { getEngineSession } from '../config/engine-session';
import { findRunContext } from '../context/run-context';

type Mutation<TIn, TOut> = { mutate(input: TIn): Promise<TOut> };
type Query<TIn, TOut> = { query(input: TIn): Promise<TOut> };

/** The block-document procedures the engine calls: a structural slice of `WeftClient`. @internal */
export interface BlocksClient {
  blockDocuments: {
    readByName: Query<{ name: string; includeSecrets?: boolean }, BlockDocument>;
    create: Mutation<BlockDocumentCreate, BlockDocument>;
    update: Mutation<BlockDocumentUpdate, BlockDocument>;
  };
}

/** The current run's session client, else the process's session (WEFT_API_URL or embedded). @internal */
export async function resolveBlocksClient(): Promise<BlocksClient> {
  const session = findRunContext()?.flowRun?.session ?? (await getEngineSession());
  // The session's client is a whole WeftClient; this port names the slice used here.
  return session.client as unknown as BlocksClient;
}
