import { type Artifact, Uuid } from '@weft/schemas';
import { type Command, InvalidArgumentError } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { artifactDetails, artifactTable } from '../output/artifacts';
import { toJson } from '../output/format';
import { parseLimit } from './shared-options';

interface LsOptions {
  key?: string;
  all?: boolean;
  limit?: number;
  json?: boolean;
}

function parseArtifactId(value: string): string {
  const id = value.trim();
  if (!Uuid.safeParse(id).success) throw new InvalidArgumentError('expected an artifact id (a UUID).');
  return id;
}

/** `weft artifact ls | inspect | delete`. */
export function registerArtifactCommand(program: Command, ctx: CliContext): void {
  const artifact = program
    .command('artifact')
    .description('Look at what runs produced: reports, tables, links');

  artifact
    .command('ls')
    .description('List the latest artifact of each key (--key: every version of one key; --all: everything)')
    .option('--key <key>', 'every version of this key, newest first')
    .option('--all', 'every artifact, keyed or not, newest first')
    .option('--limit <n>', 'at most n artifacts', parseLimit)
    .option('--json', 'print JSON')
    .action(async (options: LsOptions, command: Command) => {
      const { client } = await connect(ctx, command);
      const page = options.limit ? { limit: options.limit } : {};
      const found: Artifact[] = options.key
        ? await client.artifacts.list.query({ ...page, filter: { key: { any: [options.key] } } })
        : options.all
          ? await client.artifacts.list.query(page)
          : await client.artifacts.latest.query({ ...page, sort: 'KEY_ASC' });
      if (options.json) ctx.print(toJson(found));
      else if (found.length === 0) ctx.print('No artifacts.');
      else ctx.print(artifactTable(found, ctx));
    });

  artifact
    .command('inspect')
    .description('Show an artifact by id, or every version of a key (newest first)')
    .argument('<key-or-id>', 'an artifact id or key')
    .option('--json', 'print JSON: the artifact, or the versions of the key')
    .action(async (keyOrId: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      if (Uuid.safeParse(keyOrId).success) {
        const found: Artifact = await client.artifacts.read.query({ id: keyOrId });
        ctx.print(options.json ? toJson(found) : artifactDetails(found, ctx));
        return;
      }
      const versions: Artifact[] = await client.artifacts.list.query({ filter: { key: { any: [keyOrId] } } });
      const [latest] = versions;
      if (!latest) throw new CliError(`No artifact with the key '${keyOrId}'.`, { code: 'NOT_FOUND' });
      if (options.json) ctx.print(toJson(versions));
      else ctx.print(`${artifactDetails(latest, ctx)}\n\nVersions\n${artifactTable(versions, ctx)}`);
    });

  artifact
    .command('delete')
    .description('Delete one artifact (a key falls back to its previous version)')
    .argument('<id>', 'the artifact id', parseArtifactId)
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const deleted = await client.artifacts.delete.mutate({ id });
      if (options.json) ctx.print(toJson(deleted));
      else ctx.print(`Deleted artifact ${deleted.id}.`);
    });
}
