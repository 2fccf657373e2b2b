import { API_VERSION } from '@weft/schemas';
import type { Command } from 'commander';
import { fetchServerVersion, resolveApiTarget } from '../api';
import type { CliContext } from '../context';
import { toJson } from '../output/format';
import { cliVersion } from '../version';

/** `weft version`: the CLI's version, its API version, and the server's when one answers. */
export function registerVersionCommand(program: Command, ctx: CliContext): void {
  program
    .command('version')
    .description("Show the CLI's version, its API version, and the server's if reachable")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { settings, profileName } = await ctx.loadSettings(command);
      const target = resolveApiTarget(settings, profileName);
      const server = await fetchServerVersion(target.url);
      const info = {
        version: cliVersion(),
        apiVersion: API_VERSION,
        node: process.version,
        profile: profileName,
        server: { url: target.url, reachable: server !== undefined, ...server },
      };
      if (options.json) {
        ctx.print(toJson(info));
        return;
      }
      const serverLine = server
        ? `${server.version} (API ${server.apiVersion}) at ${target.url}`
        : `not reachable at ${target.url}`;
      ctx.print(
        [
          `Version:      ${info.version}`,
          `API version:  ${info.apiVersion}`,
          `Server:       ${serverLine}`,
          `Node.js:      ${info.node}`,
          `Profile:      ${profileName}`,
        ].join('\n'),
      );
    });
}
