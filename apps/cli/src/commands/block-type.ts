import type { BlockSchema, BlockType } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { blockFields, blockTypeDetails, blockTypeTable } from '../output/blocks';
import { toJson } from '../output/format';

/** `weft block type ls | inspect`, under `weft block`. */
export function registerBlockTypeCommand(block: Command, ctx: CliContext): void {
  const type = block.command('type').description('Inspect block types: the kinds of blocks and their fields');

  type
    .command('ls')
    .description('List block types')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const types: BlockType[] = await client.blockTypes.list.query({});
      if (options.json) ctx.print(toJson(types));
      else if (types.length === 0) ctx.print('No block types.');
      else ctx.print(blockTypeTable(types, ctx));
    });

  type
    .command('inspect')
    .description('Show a block type, its newest schema, and which fields are secret')
    .argument('<slug>', 'the block type slug')
    .option('--json', 'print JSON: {blockType, blockSchema, fields}')
    .action(async (slug: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const blockType: BlockType = await client.blockTypes.readBySlug.query({ slug });
      const [blockSchema]: BlockSchema[] = await client.blockSchemas.list.query({
        blockTypeSlug: slug,
        limit: 1,
      });
      if (options.json)
        ctx.print(
          toJson({
            blockType,
            blockSchema: blockSchema ?? null,
            fields: blockSchema ? blockFields(blockSchema) : [],
          }),
        );
      else ctx.print(blockTypeDetails(blockType, blockSchema, ctx));
    });
}
