import type {
  Variable,
  VariableCreate,
  VariableFilter,
  VariableListInput,
  VariableSet,
  VariableUpdate,
} from '@weft/schemas';
import type { z } from 'zod';

// The variable service contract, typed by schema types only (it is part of the router's type):
// nothing here may import kysely or row types.

/** Variables: named JSON values with tags. */
export interface VariableService {
  create(input: z.output<typeof VariableCreate>): Promise<Variable>;
  /** Create, or with `overwrite` replace, the variable of that name. */
  set(input: z.output<typeof VariableSet>): Promise<Variable>;
  get(name: string): Promise<Variable>;
  getById(id: string): Promise<Variable>;
  list(input: z.output<typeof VariableListInput>): Promise<Variable[]>;
  count(filter: VariableFilter | undefined): Promise<number>;
  update(input: z.output<typeof VariableUpdate>): Promise<Variable>;
  delete(name: string): Promise<{ id: string; name: string }>;
}
