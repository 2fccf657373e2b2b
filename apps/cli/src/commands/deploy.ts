import type { Deployment } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import type { DeployFileDeployment } from '../deploy/deploy-file';
import { type DeployableFlow, toDeploymentCreate } from '../deploy/deployment-input';
import { findDeployFile, type LoadedDeployFile, loadDeployFile } from '../deploy/load-deploy-file';
import { CliError, ExitError } from '../errors';
import { paint, toJson } from '../output/format';
import { importEntrypoint, pickFlow } from './run-loader';
import { parseEntrypoint } from './run-params';

interface DeployOptions {
  all?: boolean;
  file?: string;
  json?: boolean;
}

/** What happened to one deployment of the file. */
interface DeployOutcome {
  name: string;
  status: 'created' | 'updated' | 'failed';
  id?: string;
  workPool?: string | null;
  schedules?: number;
  error?: string;
}

/** The entries to deploy: the named ones, every one with `--all`, or the only one. */
function selectEntries(entries: DeployFileDeployment[], names: string[], all: boolean | undefined) {
  const available = entries.map((e) => e.name).join(', ');
  if (all) return entries;
  if (names.length === 0) {
    if (entries.length === 1) return entries;
    throw new CliError(`The file has ${entries.length} deployments (${available}); name some or pass --all.`);
  }
  return names.map((name) => {
    const short = name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
    const found = entries.find((e) => e.name === short);
    if (!found)
      throw new CliError(`No deployment '${name}' in the file. Available: ${available}.`, {
        code: 'NOT_FOUND',
      });
    return found;
  });
}

async function loadFlow(entry: DeployFileDeployment, root: string): Promise<DeployableFlow> {
  const { file, flowName } = parseEntrypoint(entry.entrypoint);
  return pickFlow(await importEntrypoint(file, root), flowName, file).flow as DeployableFlow;
}

type Client = Awaited<ReturnType<typeof connect>>['client'];

async function deployOne(client: Client, loaded: LoadedDeployFile, entry: DeployFileDeployment) {
  const flow = await loadFlow(entry, loaded.root);
  const input = toDeploymentCreate({ entry, file: loaded.config, flow, root: loaded.root });
  const existed = await client.deployments.read.query({ name: `${flow.name}/${entry.name}` }).then(
    () => true,
    () => false,
  );
  const deployment: Deployment = await client.deployments.create.mutate(input);
  return { deployment, existed };
}

function describeOutcome(outcome: DeployOutcome, color: boolean): string {
  if (outcome.status === 'failed') return `${paint('✗', 'red', color)} ${outcome.name}: ${outcome.error}`;
  const where = outcome.workPool ? `work pool '${outcome.workPool}'` : 'no work pool (serve it)';
  const schedules = outcome.schedules === 1 ? '1 schedule' : `${outcome.schedules} schedules`;
  return `${paint('✓', 'green', color)} ${outcome.name} ${outcome.status} (${outcome.id}): ${where}, ${schedules}`;
}

/** `weft deploy [--all | <name>…] [--file weft.yaml] [--json]`. */
export function registerDeployCommand(program: Command, ctx: CliContext): void {
  program
    .command('deploy')
    .description('Create or update deployments from weft.yaml (or weft.config.ts)')
    .argument('[names...]', 'deployments to deploy, by name (or flow-name/name)')
    .option('--all', 'deploy every deployment of the file')
    .option('--file <path>', 'the deployment file (default: weft.yaml, weft.yml or weft.config.ts here)')
    .option('--json', 'print {deployments: [{name, status, id, …}]} as JSON')
    .action(async (names: string[], options: DeployOptions, command: Command) => {
      const loaded = await loadDeployFile(findDeployFile(process.cwd(), options.file), ctx.env);
      const entries = selectEntries(loaded.config.deployments, names, options.all);
      const { client } = await connect(ctx, command);
      const outcomes: DeployOutcome[] = [];
      for (const [i, entry] of entries.entries()) {
        ctx.info(`[${i + 1}/${entries.length}] Deploying ${entry.name} (${entry.entrypoint})…`);
        let outcome: DeployOutcome;
        try {
          const { deployment, existed } = await deployOne(client, loaded, entry);
          outcome = {
            name: `${deployment.flowName}/${deployment.name}`,
            status: existed ? 'updated' : 'created',
            id: deployment.id,
            workPool: deployment.workPoolName,
            schedules: deployment.schedules.length,
          };
        } catch (error) {
          outcome = {
            name: entry.name,
            status: 'failed',
            error: error instanceof Error ? error.message : String(error),
          };
        }
        outcomes.push(outcome);
        if (!options.json) ctx.print(describeOutcome(outcome, ctx.color));
      }
      const failed = outcomes.filter((o) => o.status === 'failed').length;
      if (options.json) ctx.print(toJson({ deployments: outcomes }));
      else
        ctx.info(
          `Deployed ${outcomes.length - failed} of ${outcomes.length}${failed ? `; ${failed} failed` : ''}.`,
        );
      if (failed) throw new ExitError(1);
    });
}
