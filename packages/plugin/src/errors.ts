import { WeftError, type WeftErrorOptions } from '@weft/schemas';

/**
 * A block type, task or plugin declaration is malformed: a slug that is not kebab-case, a secret
 * path missing from the schema, a schema that has no JSON Schema form, … The message names it.
 */
export class PluginDefinitionError extends WeftError {
  /** What was being declared, e.g. `block type "greeting"` or `plugin "slack"`. */
  readonly subject: string;

  constructor(subject: string, problem: string, options: WeftErrorOptions = {}) {
    super('VALIDATION', `Invalid ${subject}: ${problem}`, options);
    this.subject = subject;
  }
}

/** Two plugins given to `createRegistry` declare the same block-type slug or task name. */
export class PluginConflictError extends WeftError {
  /** `'block type'` or `'task'`. */
  readonly kind: 'block type' | 'task';
  /** The duplicated slug or task name. */
  readonly key: string;
  /** The ids of the two plugins that declare it, first one first. */
  readonly owners: readonly [string, string];

  constructor(kind: 'block type' | 'task', key: string, owners: readonly [string, string]) {
    const [first, second] = owners;
    const where = first === second ? `twice by plugin "${first}"` : `by plugins "${first}" and "${second}"`;
    super('CONFLICT', `The ${kind} "${key}" is declared ${where}`);
    this.kind = kind;
    this.key = key;
    this.owners = owners;
  }
}

/** A registry lookup named a block type or task that no registered plugin declares. */
export class PluginLookupError extends WeftError {
  constructor(kind: 'block type' | 'task', key: string, known: readonly string[]) {
    const list = known.length > 0 ? known.map((k) => `"${k}"`).join(', ') : 'none';
    super('NOT_FOUND', `No registered plugin declares the ${kind} "${key}" (known: ${list})`);
  }
}
