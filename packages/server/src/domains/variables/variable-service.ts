import { ConflictError, NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { VariableService } from './variable-contract';
import {
  countVariables,
  deleteVariable,
  findVariableById,
  findVariableByName,
  insertVariable,
  listVariables,
  toVariable,
  updateVariable,
  upsertVariable,
} from './variable-repository';

const taken = (name: string) => new ConflictError(`A variable with the name '${name}' already exists`);

/** Create the variable service. */
export function createVariableService(resources: ServerResources): VariableService {
  const { db, clock } = resources;

  const create: VariableService['create'] = async (input) => {
    const row = await insertVariable(db, { ...input, now: clock() });
    if (!row) throw taken(input.name);
    return toVariable(row);
  };

  return {
    create,
    async set(input) {
      if (!input.overwrite) return create({ name: input.name, value: input.value, tags: input.tags ?? [] });
      return toVariable(await upsertVariable(db, { ...input, now: clock() }));
    },
    async get(name) {
      const row = await findVariableByName(db, name);
      if (!row) throw new NotFoundError('Variable', name);
      return toVariable(row);
    },
    async getById(id) {
      const row = await findVariableById(db, id);
      if (!row) throw new NotFoundError('Variable', id);
      return toVariable(row);
    },
    async list(input) {
      return (await listVariables(db, input)).map(toVariable);
    },
    count: (filter) => countVariables(db, filter),
    async update(input) {
      if (input.newName !== undefined && input.newName !== input.name) {
        if (await findVariableByName(db, input.newName)) throw taken(input.newName);
      }
      // A rename racing another create still fails on the unique name (23505 → CONFLICT).
      const row = await updateVariable(db, { ...input, now: clock() });
      if (!row) throw new NotFoundError('Variable', input.name);
      return toVariable(row);
    },
    async delete(name) {
      const row = await deleteVariable(db, name);
      if (!row) throw new NotFoundError('Variable', name);
      return { id: row.id, name: row.name };
    },
  };
}
