import type { FlowRun, OrchestrationResult } from '@weft/schemas';
import { isTerminalStateType } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { ExitError } from '../errors';
import { toJson } from '../output/format';
import { flowRunDetails, flowRunTable, stateHistoryTable, stateLabel } from '../output/runs';
import { registerFlowRunExecuteCommand } from './flow-run-execute';
import { registerFlowRunLogsCommand } from './flow-run-logs';
import { collect, parseLimit, parseRunId, parseStates, stateFilter } from './shared-options';

interface ListOptions {
  state?: string[];
  flow?: string[];
  limit: number;
  json?: boolean;
}

/** `weft flow-run ls | inspect | logs | cancel`. */
export function registerFlowRunCommand(program: Command, ctx: CliContext): void {
  const flowRun = program.command('flow-run').description('Inspect and cancel flow runs');

  flowRun
    .command('ls')
    .description('List flow runs, newest first')
    .option('--state <state>', 'only runs in these states (FAILED, running, Late…); repeatable', collect)
    .option('--flow <name>', 'only runs of this flow; repeatable', collect)
    .option('--limit <n>', 'at most n runs', parseLimit, 20)
    .option('--json', 'print JSON')
    .action(async (options: ListOptions, command: Command) => {
      const states = options.state ? parseStates(options.state) : undefined;
      const { client } = await connect(ctx, command);
      const runs: FlowRun[] = await client.flowRuns.list.query({
        limit: options.limit,
        sort: 'ID_DESC',
        filter: { ...stateFilter(states), ...(options.flow ? { flowName: { any: options.flow } } : {}) },
      });
      if (options.json) ctx.print(toJson(runs));
      else if (runs.length === 0) ctx.print('No flow runs found.');
      else ctx.print(flowRunTable(runs, ctx));
    });

  flowRun
    .command('inspect')
    .description('Show a flow run and its state history')
    .argument('<id>', 'the flow run id', parseRunId)
    .option('--json', 'print JSON: {flowRun, states}')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const run: FlowRun = await client.flowRuns.read.query({ id });
      const states = await client.flowRuns.states.query({ id });
      if (options.json) {
        ctx.print(toJson({ flowRun: run, states }));
        return;
      }
      ctx.print(`${flowRunDetails(run, ctx)}\n\nState history\n${stateHistoryTable(states, ctx)}`);
    });

  registerFlowRunLogsCommand(flowRun, ctx);
  registerFlowRunExecuteCommand(flowRun, ctx);

  flowRun
    .command('cancel')
    .description('Cancel a flow run (proposes CANCELLING; runs not yet started become CANCELLED)')
    .argument('<id>', 'the flow run id', parseRunId)
    .option('--json', 'print the orchestration result as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const run: FlowRun = await client.flowRuns.read.query({ id });
      if (isTerminalStateType(run.stateType)) {
        const reason = `Flow run '${run.name}' (${id}) is already ${stateLabel(run)}; nothing to cancel.`;
        if (options.json) {
          ctx.print(
            toJson({ status: 'ABORT', state: run.state, details: { type: 'abort_details', reason } }),
          );
        }
        ctx.info(reason);
        throw new ExitError(1);
      }
      const result: OrchestrationResult = await client.flowRuns.setState.mutate({
        id,
        state: { type: 'CANCELLING', name: 'Cancelling', message: 'Cancelled from the CLI' },
      });
      if (options.json) ctx.print(toJson(result));
      else ctx.print(describeCancel(run, result));
      const cancelled = result.state?.type === 'CANCELLING' || result.state?.type === 'CANCELLED';
      if (!cancelled) throw new ExitError(1);
    });
}

function describeCancel(run: FlowRun, result: OrchestrationResult): string {
  const label = `Flow run '${run.name}' (${run.id})`;
  const now = result.state ? stateLabel({ stateType: result.state.type, stateName: result.state.name }) : '-';
  const details = result.details;
  const reason = 'reason' in details && details.reason ? `: ${details.reason}` : '';
  switch (result.status) {
    case 'ACCEPT':
      return `${label} is now ${now}.`;
    case 'REJECT':
      return `${label} was not moved to CANCELLING${reason}; it is now ${now}.`;
    case 'WAIT':
      return `${label}: cancel must wait ${'delaySeconds' in details ? details.delaySeconds : '?'}s${reason}.`;
    case 'ABORT':
      return `${label}: cancel aborted${reason}. It is still ${now}.`;
  }
}
