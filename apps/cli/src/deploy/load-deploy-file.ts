import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { importEntrypoint } from '../commands/run-loader';
import { CliError } from '../errors';
import { DeployFile, describeIssues } from './deploy-file';
import { resolveEnvTemplates } from './env-templates';

/** The file names `weft deploy` looks for, in this order. */
export const DEPLOY_FILE_NAMES = ['weft.yaml', 'weft.yml', 'weft.config.ts'] as const;

/** A validated deployment file and the folder its entrypoints are relative to. */
export interface LoadedDeployFile {
  file: string;
  /** The file's folder: entrypoints are relative to it. */
  root: string;
  config: DeployFile;
}

/** The deployment file to use: `--file`, else the first of {@link DEPLOY_FILE_NAMES} in `cwd`. */
export function findDeployFile(cwd: string, file: string | undefined): string {
  if (file) {
    const path = resolve(cwd, file);
    if (!existsSync(path)) throw new CliError(`Deployment file not found: ${path}`, { code: 'NOT_FOUND' });
    return path;
  }
  for (const name of DEPLOY_FILE_NAMES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  throw new CliError(
    `No weft.yaml or weft.config.ts in ${cwd}. Create one (see docs/deploy.md) or pass --file <path>.`,
    { code: 'NOT_FOUND' },
  );
}

async function readRaw(path: string): Promise<unknown> {
  if (/\.(c|m)?[jt]s$/.test(path)) {
    const module = await importEntrypoint(basename(path), dirname(path));
    if (module.default === undefined)
      throw new CliError(`${path} has no default export; export the configuration.`);
    return module.default;
  }
  const { parse } = await import('yaml');
  try {
    return parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${path} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Read and validate a deployment file: YAML, or a TypeScript file's default export. `{{ $ENV }}`
 * templates are resolved from `env` (except in pull steps, which keep them for run time).
 * @throws CliError listing every problem with its path (`deployments[1].schedules[0].cron: …`)
 */
export async function loadDeployFile(
  path: string,
  env: Record<string, string | undefined>,
): Promise<LoadedDeployFile> {
  const raw = resolveEnvTemplates(await readRaw(path), env);
  const parsed = DeployFile.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error);
    throw new CliError(`${path} is invalid:\n  ${problems.join('\n  ')}`, { code: 'VALIDATION' });
  }
  return { file: path, root: dirname(path), config: parsed.data };
}
