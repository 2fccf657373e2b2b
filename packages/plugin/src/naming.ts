import { PluginDefinitionError } from './errors';

/** Lowercase letters and digits in dash-separated words: `slack-webhook`, `s3`. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether a value is a kebab-case string (a valid plugin id, block-type slug or capability). */
export function isKebabCase(value: unknown): value is string {
  return typeof value === 'string' && KEBAB_CASE.test(value);
}

/** Throw a {@link PluginDefinitionError} unless `value` is kebab-case. @internal */
export function assertKebabCase(subject: string, field: string, value: unknown): void {
  if (isKebabCase(value)) return;
  throw new PluginDefinitionError(
    subject,
    `${field} ${JSON.stringify(value)} must be kebab-case (lowercase letters and digits separated by dashes)`,
  );
}

/** Throw a {@link PluginDefinitionError} naming the first value that occurs twice. @internal */
export function assertUnique(subject: string, field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new PluginDefinitionError(subject, `${field} "${value}" is listed twice`);
    seen.add(value);
  }
}
