import {
  Uuid,
  Variable,
  VariableCreate,
  VariableFilter,
  VariableListInput,
  VariableSet,
  VariableUpdate,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

const ByName = z.object({ name: z.string().min(1) }).strict();

/** `variables.*` procedures. */
export const variableRouter = router({
  /** Create a variable; a taken name answers CONFLICT. */
  create: procedure
    .input(VariableCreate)
    .output(Variable)
    .mutation(({ ctx, input }) => ctx.services.variables.create(input)),
  /** Create a variable, or with `overwrite` replace the value of the one of that name. */
  set: procedure
    .input(VariableSet)
    .output(Variable)
    .mutation(({ ctx, input }) => ctx.services.variables.set(input)),
  /** A variable by name. */
  read: procedure
    .input(ByName)
    .output(Variable)
    .query(({ ctx, input }) => ctx.services.variables.get(input.name)),
  /** A variable by id. */
  readById: procedure
    .input(z.object({ id: Uuid }).strict())
    .output(Variable)
    .query(({ ctx, input }) => ctx.services.variables.getById(input.id)),
  list: procedure
    .input(VariableListInput)
    .output(z.array(Variable))
    .query(({ ctx, input }) => ctx.services.variables.list(input)),
  count: procedure
    .input(z.object({ filter: VariableFilter.optional() }).strict())
    .output(z.number().int())
    .query(({ ctx, input }) => ctx.services.variables.count(input.filter)),
  /** Change a variable's value, tags or name (found by name). */
  update: procedure
    .input(VariableUpdate)
    .output(Variable)
    .mutation(({ ctx, input }) => ctx.services.variables.update(input)),
  delete: procedure
    .input(ByName)
    .output(z.object({ id: Uuid, name: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.variables.delete(input.name)),
});
