import { CliError } from '../errors';
import { issuePath } from './deploy-file';

const ENV_PLACEHOLDER = /\{\{\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replace `{{ $ENV_VAR }}` in every string of a deployment file, except under `pull` keys: pull
 * steps are stored as written and resolved where they run, so a token never reaches the server.
 * @throws CliError naming the field of a variable that is not set
 */
export function resolveEnvTemplates(
  value: unknown,
  env: Record<string, string | undefined>,
  path: (string | number)[] = [],
): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_PLACEHOLDER, (_match, name: string) => {
      const found = env[name];
      if (found === undefined) {
        throw new CliError(
          `${issuePath(path)}: environment variable ${name} is not set (used as {{ $${name} }}).`,
        );
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveEnvTemplates(item, env, [...path, i]));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key === 'pull' ? item : resolveEnvTemplates(item, env, [...path, key]),
      ]),
    );
  }
  return value;
}
