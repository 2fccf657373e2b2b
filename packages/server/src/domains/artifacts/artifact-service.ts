import { type ArtifactType, checkArtifactData } from '@weft/schemas';
import { NotFoundError, ValidationError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { ArtifactService } from './artifact-contract';
import {
  countArtifacts,
  deleteArtifact,
  findArtifact,
  findLatestArtifact,
  insertArtifact,
  listArtifacts,
  toArtifact,
  updateArtifact,
} from './artifact-repository';

/** Create the artifact service. */
export function createArtifactService(resources: ServerResources): ArtifactService {
  const { db, clock } = resources;

  return {
    async create(input) {
      if (input.flowRunId) {
        const run = await db
          .selectFrom('flow_run')
          .select('id')
          .where('id', '=', input.flowRunId)
          .executeTakeFirst();
        if (!run) throw new NotFoundError('Flow run', input.flowRunId);
      }
      // The task run is not checked: the engine records task runs in batches, so an artifact
      // made inside a task may reach the server before its task run does.
      const row = await insertArtifact(db, {
        key: input.key ?? null,
        type: input.type,
        description: input.description ?? null,
        data: input.data,
        metadata: input.metadata,
        flowRunId: input.flowRunId ?? null,
        taskRunId: input.taskRunId ?? null,
        now: clock(),
      });
      return toArtifact(row);
    },
    async get(id) {
      const row = await findArtifact(db, id);
      if (!row) throw new NotFoundError('Artifact', id);
      return toArtifact(row);
    },
    async list(input) {
      return (await listArtifacts(db, input, { latest: false })).map(toArtifact);
    },
    count: (filter) => countArtifacts(db, filter, { latest: false }),
    async latest(input) {
      return (await listArtifacts(db, input, { latest: true })).map(toArtifact);
    },
    countLatest: (filter) => countArtifacts(db, filter, { latest: true }),
    async getLatest(key) {
      const row = await findLatestArtifact(db, key);
      if (!row) throw new NotFoundError('Artifact key', key);
      return toArtifact(row);
    },
    async update(input) {
      const row = await db.transaction().execute(async (trx) => {
        const found = await findArtifact(trx, input.id, { lock: true });
        if (!found) throw new NotFoundError('Artifact', input.id);
        if (input.data !== undefined) {
          const problem = checkArtifactData(found.type as ArtifactType, input.data);
          if (problem) throw new ValidationError(problem, { path: 'data' });
        }
        return updateArtifact(trx, { ...input, now: clock() });
      });
      if (!row) throw new NotFoundError('Artifact', input.id);
      return toArtifact(row);
    },
    async delete(id) {
      const row = await deleteArtifact(db, id);
      if (!row) throw new NotFoundError('Artifact', id);
      return { id: row.id, key: row.key };
    },
  };
}
