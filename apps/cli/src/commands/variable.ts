import type { JsonValue, Variable } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { toJson } from '../output/format';
import { formatVariableValue, variableTable } from '../output/variables';
import { collect, parseLimit } from './shared-options';

/** A value from the command line: JSON when it parses as JSON, else the text itself. @internal */
export function parseVariableValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    // Not JSON: a plain string, so `weft variable set region eu-west-1` needs no quotes.
    return text;
  }
}

/** `weft variable set | get | ls | unset`. */
export function registerVariableCommand(program: Command, ctx: CliContext): void {
  const variable = program.command('variable').description('Manage variables: named JSON values');

  variable
    .command('set')
    .description('Create a variable, or replace its value with --overwrite')
    .argument('<name>', 'lowercase letters, digits, dashes and underscores')
    .argument('<value>', 'a JSON value, or plain text')
    .option('--tag <tag>', 'a tag; repeatable (replaces the tags on --overwrite)', collect)
    .option('--overwrite', 'replace the value of an existing variable')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        value: string,
        options: { tag?: string[]; overwrite?: boolean; json?: boolean },
        command: Command,
      ) => {
        const { client } = await connect(ctx, command);
        const saved: Variable = await client.variables.set.mutate({
          name,
          value: parseVariableValue(value),
          overwrite: options.overwrite ?? false,
          ...(options.tag ? { tags: options.tag } : {}),
        });
        if (options.json) ctx.print(toJson(saved));
        else ctx.print(`Set variable '${saved.name}'.`);
      },
    );

  variable
    .command('get')
    .description('Print the value of a variable')
    .argument('<name>', 'the variable name')
    .option('--json', 'print the whole variable as JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const found: Variable = await client.variables.read.query({ name });
      if (options.json) ctx.print(toJson(found));
      else ctx.print(formatVariableValue(found.value));
    });

  variable
    .command('ls')
    .description('List variables by name')
    .option('--tag <tag>', 'only variables with this tag; repeatable (all must match)', collect)
    .option('--limit <n>', 'at most n variables', parseLimit)
    .option('--json', 'print JSON')
    .action(async (options: { tag?: string[]; limit?: number; json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const found: Variable[] = await client.variables.list.query({
        ...(options.tag ? { filter: { tags: { all: options.tag } } } : {}),
        ...(options.limit ? { limit: options.limit } : {}),
      });
      if (options.json) ctx.print(toJson(found));
      else if (found.length === 0)
        ctx.print('No variables. Set one with `weft variable set <name> <value>`.');
      else ctx.print(variableTable(found, ctx));
    });

  variable
    .command('unset')
    .description('Delete a variable')
    .argument('<name>', 'the variable name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const deleted = await client.variables.delete.mutate({ name });
      if (options.json) ctx.print(toJson(deleted));
      else ctx.print(`Deleted variable '${deleted.name}'.`);
    });
}
