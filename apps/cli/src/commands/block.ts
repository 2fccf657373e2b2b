import type { WeftClient } from '@weft/client';
import type { BlockDocument } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { blockDocumentDetails, blockDocumentTable, registrationLines } from '../output/blocks';
import { toJson } from '../output/format';
import { loadPlugin, registerPlugin } from './block-plugin';
import { registerBlockTypeCommand } from './block-type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Read a block document by `type-slug/name` or by id.
 * @throws CliError when the reference is neither
 * @internal
 */
export async function readBlockDocument(
  client: WeftClient,
  ref: string,
  includeSecrets: boolean,
): Promise<BlockDocument> {
  if (UUID.test(ref)) return client.blockDocuments.read.query({ id: ref, includeSecrets });
  if (ref.includes('/')) return client.blockDocuments.readByName.query({ name: ref, includeSecrets });
  throw new CliError(
    `'${ref}' is not a block: pass <type-slug>/<name> (e.g. secret/github-token) or a block document id. List them with \`weft block ls\`.`,
  );
}

/** `weft block register | ls | inspect | delete | type ...`. */
export function registerBlockCommand(program: Command, ctx: CliContext): void {
  const block = program
    .command('block')
    .description('Manage blocks: typed, saved configuration (credentials, webhooks, storage)');

  block
    .command('register')
    .description("Register a plugin's block types on the server (created, updated or unchanged)")
    .requiredOption('--plugin <package-or-path>', 'an installed plugin package, or a .ts/.js file')
    .option('--json', 'print JSON')
    .action(async (options: { plugin: string; json?: boolean }, command: Command) => {
      const plugin = await loadPlugin(options.plugin, process.cwd());
      const { client } = await connect(ctx, command);
      const result = await registerPlugin(client, plugin);
      if (options.json) ctx.print(toJson(result));
      else ctx.print(registrationLines(result, ctx));
    });

  block
    .command('ls')
    .description('List block documents')
    .option('--type <slug>', 'only documents of this block type')
    .option('--json', 'print JSON (secret fields masked)')
    .action(async (options: { type?: string; json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const documents: BlockDocument[] = await client.blockDocuments.list.query({
        ...(options.type ? { blockTypeSlugs: [options.type] } : {}),
      });
      if (options.json) ctx.print(toJson(documents));
      else if (documents.length === 0)
        ctx.print(
          options.type
            ? `No blocks of type '${options.type}'.`
            : 'No blocks. Register block types with `weft block register --plugin <package-or-path>`.',
        );
      else ctx.print(blockDocumentTable(documents, ctx));
    });

  block
    .command('inspect')
    .description('Show a block document; secret fields read as ******** unless --show-secrets')
    .argument('<block>', '<type-slug>/<name>, or an id')
    .option('--show-secrets', 'print secret fields in clear text')
    .option('--json', 'print JSON')
    .action(async (ref: string, options: { showSecrets?: boolean; json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const document = await readBlockDocument(client, ref, options.showSecrets ?? false);
      if (options.json) ctx.print(toJson(document));
      else ctx.print(blockDocumentDetails(document, ctx));
    });

  block
    .command('delete')
    .description('Delete a block document (refused while another block references it)')
    .argument('<block>', '<type-slug>/<name>, or an id')
    .option('--json', 'print JSON')
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const document = await readBlockDocument(client, ref, false);
      const deleted = await client.blockDocuments.delete.mutate({ id: document.id });
      if (options.json) ctx.print(toJson({ ...deleted, name: `${document.blockTypeSlug}/${document.name}` }));
      else ctx.print(`Deleted block '${document.blockTypeSlug}/${document.name}'.`);
    });

  registerBlockTypeCommand(block, ctx);
}
