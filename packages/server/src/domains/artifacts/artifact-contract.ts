import type {
  Artifact,
  ArtifactCreate,
  ArtifactFilter,
  ArtifactListInput,
  ArtifactUpdate,
} from '@weft/schemas';
import type { z } from 'zod';

// The artifact service contract, typed by schema types only (it is part of the router's type):
// nothing here may import kysely or row types.

/** Artifacts: versions by key, the latest of each key, progress updates. */
export interface ArtifactService {
  create(input: z.output<typeof ArtifactCreate>): Promise<Artifact>;
  get(id: string): Promise<Artifact>;
  list(input: z.output<typeof ArtifactListInput>): Promise<Artifact[]>;
  count(filter: ArtifactFilter | undefined): Promise<number>;
  /** The newest artifact of each key (filtered after picking the newest). */
  latest(input: z.output<typeof ArtifactListInput>): Promise<Artifact[]>;
  countLatest(filter: ArtifactFilter | undefined): Promise<number>;
  /** The newest artifact of one key. */
  getLatest(key: string): Promise<Artifact>;
  update(input: z.output<typeof ArtifactUpdate>): Promise<Artifact>;
  /** Delete one version; the key's latest becomes the previous version, if any. */
  delete(id: string): Promise<{ id: string; key: string | null }>;
}
