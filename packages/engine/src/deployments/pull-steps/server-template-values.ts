import { loadBlock } from '../../blocks/load-block';
import { variables } from '../../variables/variables';
import { SERVER_PLACEHOLDER_PREFIX, UnresolvedTemplateError } from './pull-step-template';

/** Loads the value of one `weft.…` placeholder (the default reads blocks and variables from the server). */
export type ServerValueLoader = (placeholder: string) => Promise<unknown>;

const SINGLE_VALUE_SLUGS = new Set(['secret', 'string', 'json', 'date-time']);

/**
 * The value of a `weft.` placeholder, as in Prefect's `prefect.blocks` / `prefect.variables`:
 * - `weft.variables.<name>`: the variable's JSON value;
 * - `weft.blocks.<type-slug>.<name>`: the document's data (for `secret`, `string`, `json` and
 *   `date-time` blocks, their value itself);
 * - `weft.blocks.<type-slug>.<name>.<field>[.<field>…]`: one field of that.
 * Read on the machine running the steps, at run time: secrets are never stored in the deployment.
 */
export const loadServerValue: ServerValueLoader = async (placeholder) => {
  const [, kind, ...rest] = placeholder.split('.');
  if (kind === 'variables' && rest.length === 1 && rest[0]) {
    const value = await variables.get(rest[0]);
    if (value === undefined) throw new UnresolvedTemplateError(placeholder, `names no variable '${rest[0]}'`);
    return value;
  }
  if (kind === 'blocks' && rest.length >= 2 && rest[0] && rest[1]) {
    const [slug, name, ...path] = rest;
    const data = (await loadBlock(`${slug}/${name}`)) as Record<string, unknown>;
    const base = SINGLE_VALUE_SLUGS.has(slug) && 'value' in data ? data.value : data;
    if (path.length === 0) return base;
    let value: unknown = base;
    for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) {
      throw new UnresolvedTemplateError(
        placeholder,
        `names no field '${path.join('.')}' of block ${slug}/${name}`,
      );
    }
    return value;
  }
  throw new UnresolvedTemplateError(
    placeholder,
    `is not a known server value: use ${SERVER_PLACEHOLDER_PREFIX}variables.<name> or ${SERVER_PLACEHOLDER_PREFIX}blocks.<type-slug>.<name>[.<field>]`,
  );
};
