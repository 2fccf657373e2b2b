import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { WeftServer } from '@weft/server';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { databaseFromSettings } from './database';

interface StartOptions {
  host: string;
  port: number;
  upgrade?: boolean;
  reset?: boolean;
  /** `--no-ui` sets it to false. */
  ui: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('must be a port number from 0 to 65535 (0 picks a free port).');
  }
  return port;
}

/** Resolve once SIGINT or SIGTERM arrives; a second signal exits at once. */
function waitForShutdown(ctx: CliContext): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      ctx.info(`Received ${signal}; shutting down…`);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** Ask before a destructive step, unless `--yes`; without a terminal to ask on, refuse. */
async function assertConfirmed(question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new CliError(`${question} Pass --yes to confirm.`);
  if (!(await confirm(question))) throw new CliError('Aborted.');
}

/** The built UI to serve: `WEFT_UI_DIR`, else the one `@weft/ui` ships; none with `--no-ui`. */
async function uiAssetsDir(ctx: CliContext, options: StartOptions): Promise<string | undefined> {
  if (!options.ui) return undefined;
  if (ctx.env.WEFT_UI_DIR) return resolve(ctx.env.WEFT_UI_DIR);
  return (await import('@weft/ui')).uiAssetsDir;
}

/** Listen, turning a taken port into a one-line hint. */
async function listen(weft: WeftServer, options: StartOptions, assetsDir: string | undefined) {
  try {
    return await weft.listen({
      host: options.host,
      port: options.port,
      ...(assetsDir ? { ui: { assetsDir } } : {}),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new CliError(
      `Port ${options.port} on ${options.host} is already in use. Stop what runs there or pick another with --port.`,
      { cause: error },
    );
  }
}

const UI_BUILD_HINT = '`pnpm --filter @weft/ui build`';

/** `weft server start` and `weft server database upgrade | reset`. */
export function registerServerCommand(program: Command, ctx: CliContext): void {
  const server = program.command('server').description('Run a Weft server and manage its database');

  server
    .command('start')
    .description('Start a server in the foreground (Ctrl+C to stop)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 4200)
    .option('--upgrade', 'apply pending database migrations on start (the default)')
    .option('--no-upgrade', 'do not apply migrations on start')
    .option('--reset', 'drop and recreate the database first (deletes all data)')
    .option('--no-ui', 'serve only the API, not the web UI (WEFT_UI_DIR picks another UI build)')
    .action(async (options: StartOptions, command: Command) => {
      const { settings } = await ctx.loadSettings(command);
      const database = databaseFromSettings(settings);
      const { createServer, resetDatabase } = await import('@weft/server');
      if (options.reset) {
        ctx.info(`Resetting the database (${database.location})…`);
        await resetDatabase(database.config);
      }
      ctx.info(`Starting the Weft server (${database.location})…`);
      // Listen for signals before opening the database, so Ctrl+C during migrations still closes it.
      const shutdown = waitForShutdown(ctx);
      const weft = await createServer({
        database: database.config,
        home: settings.WEFT_HOME.value,
        migrate: options.upgrade !== false,
      });
      let stopping = false;
      void shutdown.then(() => {
        stopping = true;
      });
      try {
        if (!stopping) {
          const { url, ui } = await listen(weft, options, await uiAssetsDir(ctx, options));
          ctx.print(`Weft server listening on ${url}`);
          if (ui === 'ready') ctx.print(`Weft UI: ${url}`);
          if (ui === 'not-built') ctx.print(`Weft UI: not built (run ${UI_BUILD_HINT}); the API works`);
          ctx.print(`Database: ${database.location}`);
          ctx.info('Press Ctrl+C to stop.');
          await shutdown;
        }
      } finally {
        await weft.close();
      }
      ctx.info('Server stopped.');
    });

  const db = server.command('database').description("Manage the server's database");

  db.command('upgrade')
    .description('Apply pending migrations')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (_options: { yes?: boolean }, command: Command) => {
      const { settings } = await ctx.loadSettings(command);
      const database = databaseFromSettings(settings);
      const { upgradeDatabase } = await import('@weft/server');
      ctx.info(`Upgrading the database (${database.location})…`);
      await upgradeDatabase(database.config);
      ctx.print(`Database upgraded: ${database.location}`);
    });

  db.command('reset')
    .description('Drop all data and recreate the schema')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (options: { yes?: boolean }, command: Command) => {
      const { settings } = await ctx.loadSettings(command);
      const database = databaseFromSettings(settings);
      await assertConfirmed(
        `Reset the database at ${database.location}? This deletes all data.`,
        options.yes,
      );
      const { resetDatabase } = await import('@weft/server');
      ctx.info(`Resetting the database (${database.location})…`);
      await resetDatabase(database.config);
      ctx.print(`Database reset: ${database.location}`);
    });
}
