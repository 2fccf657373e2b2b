import { closeEngine } from '@weft/engine';
import type { State } from '@weft/schemas';
import type { Command } from 'commander';
import { assertReachable, resolveApiTarget } from '../api';
import type { Settings } from '../config/settings';
import type { CliContext } from '../context';
import { ExitError } from '../errors';
import { paint, stateColor, toJson } from '../output/format';
import { stateLabel } from '../output/runs';
import { importEntrypoint, type LoadedFlow, pickFlow, withRunningHook } from './run-loader';
import { parseEntrypoint, parseRunParameters } from './run-params';
import { collect } from './shared-options';

interface RunOptions {
  param?: string[];
  params?: string;
  json?: boolean;
}

/**
 * The engine reads its configuration from the environment, so settings that came from a profile or
 * a flag are exported before the flow runs. With no API URL configured the engine uses its
 * embedded server (ephemeral mode).
 */
function exportSettings(settings: Settings, env: NodeJS.ProcessEnv): void {
  for (const setting of Object.values(settings)) {
    if (setting.value !== undefined && setting.key !== 'WEFT_DATABASE_URL') env[setting.key] = setting.value;
  }
}

/** The failure message of a final state: its message, else the serialized error in its data. */
function failureMessage(state: State): string {
  if (state.message) return state.message;
  const data = state.data as { message?: unknown } | null;
  return typeof data?.message === 'string' ? data.message : `the run ended ${state.type}`;
}

/** Run the flow, announcing the run on stderr as soon as it is RUNNING (its name comes from the hook). */
async function runFlow(ctx: CliContext, flow: LoadedFlow, parameters: Record<string, unknown>) {
  let runName: string | undefined;
  const announced = withRunningHook(flow, (_flow, flowRun) => {
    if (runName === undefined) ctx.info(`Flow run '${flowRun.name}' (${flowRun.id}) is running.`);
    runName = flowRun.name;
  });
  const outcome = await announced.runWithParameters(parameters);
  return { outcome, runName };
}

/** `weft run <file.ts:flow> [--param k=v …] [--params '{json}']`. */
export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('Run a flow from a TypeScript or JavaScript file, no build needed')
    .argument('<entrypoint>', 'file and flow, e.g. ./flows.ts:etl (the flow may be omitted if there is one)')
    .option(
      '--param <key=value>',
      'a flow parameter, parsed as JSON if it can be, else a string; repeatable',
      collect,
    )
    .option('--params <json>', 'all parameters as one JSON object (--param values win)')
    .option('--json', 'print {flowRunId, flowRunName, flow, state} as JSON')
    .action(async (entrypoint: string, options: RunOptions, command: Command) => {
      const { file, flowName } = parseEntrypoint(entrypoint);
      const parameters = parseRunParameters(options.params, options.param ?? []);
      const { settings, profileName } = await ctx.loadSettings(command);
      if (settings.WEFT_API_URL.source !== undefined)
        await assertReachable(resolveApiTarget(settings, profileName));
      exportSettings(settings, process.env);

      ctx.info(`Loading ${file}…`);
      const { flow } = pickFlow(await importEntrypoint(file, process.cwd()), flowName, file);
      ctx.info(
        `Running flow '${flow.name}' (recording to ${settings.WEFT_API_URL.value ?? 'an embedded server'})…`,
      );
      const { outcome, runName } = await runFlow(ctx, flow, parameters);
      // Record what is queued and stop an embedded server now: waiting for the event loop to empty
      // kept the command alive for seconds after its run (the embedded database's own timer).
      await closeEngine();
      const { state } = outcome;
      if (options.json) {
        ctx.print(
          toJson({ flowRunId: outcome.flowRunId, flowRunName: runName ?? null, flow: flow.name, state }),
        );
      } else {
        const label = stateLabel({ stateType: state.type, stateName: state.name });
        const run = runName ? `'${runName}' (${outcome.flowRunId})` : outcome.flowRunId;
        ctx.print(
          `Flow run ${run} of '${flow.name}' finished: ${paint(label, stateColor(state.type), ctx.color)}`,
        );
      }
      if (state.type !== 'COMPLETED') {
        ctx.info(`error: ${failureMessage(state)}`);
        throw new ExitError(1);
      }
    });
}
