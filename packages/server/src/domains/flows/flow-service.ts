import { uuid7 } from '@weft/schemas';
import { NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { FlowService } from '../../trpc/context';
import {
  countFlows,
  findFlowById,
  findFlowByName,
  listFlows,
  toFlow,
  upsertFlowByName,
} from './flow-repository';

export type { FlowService };

/** Create the flow service. */
export function createFlowService(resources: ServerResources): FlowService {
  const { db, clock } = resources;
  return {
    async create(input) {
      const now = clock();
      const row = await upsertFlowByName(db, {
        id: uuid7(now.getTime()),
        name: input.name,
        tags: input.tags,
        now,
      });
      return toFlow(row);
    },
    async get(id) {
      const row = await findFlowById(db, id);
      if (!row) throw new NotFoundError('Flow', id);
      return toFlow(row);
    },
    async getByName(name) {
      const row = await findFlowByName(db, name);
      if (!row) throw new NotFoundError('Flow', name);
      return toFlow(row);
    },
    async list(input) {
      return (await listFlows(db, input)).map(toFlow);
    },
    count: (filter) => countFlows(db, filter),
  };
}
