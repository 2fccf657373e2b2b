import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { Settings } from '../config/settings';
import type { CliContext } from '../context';
import { CliError, ExitError } from '../errors';
import { stateLabel } from '../output/runs';
import { parseRunId } from './shared-options';

/** The engine reads its configuration from the environment: settings from a profile or a flag are exported first. */
function exportSettings(settings: Settings, env: NodeJS.ProcessEnv): void {
  for (const setting of Object.values(settings)) {
    if (setting.value !== undefined && setting.key !== 'WEFT_DATABASE_URL') env[setting.key] = setting.value;
  }
}

/**
 * Import TypeScript the way `weft run` does, but through tsx's global hook instead of a scoped
 * `tsImport`: the flow file's `@weft/engine` is then the very module this command runs, so its
 * tasks see the run context the engine sets.
 */
async function typeScriptLoader(): Promise<(path: string) => Promise<Record<string, unknown>>> {
  const { register } = await import('tsx/esm/api');
  register();
  return (path) => import(pathToFileURL(path).href) as Promise<Record<string, unknown>>;
}

/** `weft flow-run execute [id]`: what a process worker's child runs. */
export function registerFlowRunExecuteCommand(flowRun: Command, ctx: CliContext): void {
  flowRun
    .command('execute')
    .description(
      "Execute a deployment's flow run in this process (what workers start); exits 0 when it completed",
    )
    .argument('[id]', 'the flow run id (default: $WEFT_FLOW_RUN_ID)')
    .action(async (idArgument: string | undefined, _options: unknown, command: Command) => {
      const raw = idArgument ?? ctx.env.WEFT_FLOW_RUN_ID;
      if (!raw) throw new CliError('Give a flow run id, or set WEFT_FLOW_RUN_ID.');
      let id: string;
      try {
        id = parseRunId(raw);
      } catch (error) {
        throw new CliError(`Invalid flow run id '${raw}': ${(error as Error).message}`);
      }
      const { settings } = await ctx.loadSettings(command);
      exportSettings(settings, process.env);
      const [loadModule, engine] = await Promise.all([typeScriptLoader(), import('@weft/engine')]);
      const outcome = await engine.executeFlowRun(id, { cwd: process.cwd(), loadModule, log: ctx.info });
      await engine.flushEngine();
      const label = stateLabel({ stateType: outcome.state.type, stateName: outcome.state.name });
      ctx.info(
        `Flow run ${id} finished: ${label}${outcome.state.message ? ` (${outcome.state.message})` : ''}`,
      );
      if (outcome.state.type !== 'COMPLETED') throw new ExitError(1);
    });
}
