import type { Command } from 'commander';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { collect } from './shared-options';

interface RunOptions {
  param?: string[];
  params?: string;
  json?: boolean;
}

/** `weft run <file.ts:flow> [--param k=v …] [--params '{json}']`. */
export function registerRunCommand(program: Command, _ctx: CliContext): void {
  program
    .command('run')
    .description('Run a flow from a TypeScript or JavaScript file')
    .argument('<entrypoint>', 'file and flow, e.g. ./flows.ts:etl')
    .option('--param <key=value>', 'a flow parameter (JSON, else a string); repeatable', collect)
    .option('--params <json>', 'all parameters as a JSON object')
    .option('--json', 'print the final flow run as JSON')
    .action(async (_entrypoint: string, _options: RunOptions) => {
      throw new CliError('weft run is not available yet.');
    });
}
