import type { Deployment, DeploymentCreate, JsonObject } from '@weft/schemas';
import { toJsonObject } from '../flows/flow-parameters';
import type { AnyFlow } from '../flows/flow-types';
import type { ConcurrencyLimitOption, DeploymentOptionsBase, DeployOptions } from './deploy-options';
import { type DeploymentsClient, resolveDeploymentsClient } from './deployment-client';
import { DeploymentError } from './deployment-errors';
import { toScheduleInput } from './deployment-schedules';
import type { DeploymentHandle } from './deployment-types';
import { definitionFile, inferEntrypoint } from './flow-entrypoint';

function concurrency(option: ConcurrencyLimitOption | undefined): Partial<DeploymentCreate> {
  if (option === undefined) return {};
  if (typeof option === 'number') return { concurrencyLimit: option };
  return {
    concurrencyLimit: option.limit,
    concurrencyOptions: {
      collisionStrategy: option.collisionStrategy ?? 'ENQUEUE',
      gracePeriodSeconds: option.gracePeriodSeconds ?? 300,
    },
  };
}

/**
 * The `deployments.create` input for a flow: its parameter JSON Schema, the options given, and
 * nothing for options left out (an upsert keeps what the deployment had; `schedules: []` removes
 * its schedules). @internal
 */
export function deploymentCreateInput(
  flow: AnyFlow,
  options: DeploymentOptionsBase<unknown>,
): DeploymentCreate {
  const version = options.version ?? flow.options.version;
  const description = options.description ?? flow.options.description;
  const input: DeploymentCreate = {
    flowName: flow.name,
    name: options.name,
    parameterSchema: flow.parameterSchema as JsonObject,
    enforceParameterSchema: options.enforceParameterSchema ?? true,
    ...concurrency(options.concurrencyLimit),
  };
  if (version !== undefined) input.version = version;
  if (description !== undefined) input.description = description;
  if (options.parameters !== undefined) input.parameters = toJsonObject(options.parameters);
  if (options.tags !== undefined) input.tags = options.tags;
  if (options.paused !== undefined) input.paused = options.paused;
  if (options.schedules !== undefined) input.schedules = options.schedules.map(toScheduleInput);
  return input;
}

/** A typed handle on a registered deployment. @internal */
export function toDeploymentHandle<TParams, TResult>(
  deployment: Deployment,
): DeploymentHandle<TParams, TResult> {
  return { id: deployment.id, name: `${deployment.flowName}/${deployment.name}`, deployment };
}

/** Create or update a deployment, with a message naming it when the server refuses. @internal */
export async function registerDeployment(
  client: DeploymentsClient,
  input: DeploymentCreate,
): Promise<Deployment> {
  try {
    return await client.deployments.create.mutate(input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DeploymentError(`Could not register deployment '${input.flowName}/${input.name}': ${message}`, {
      cause: error,
    });
  }
}

/**
 * `flow.deploy()`: register (upsert) a deployment of the flow on a work pool, whose workers run
 * its runs: with the flow's parameter JSON Schema, schedules, defaults and the entrypoint workers
 * load (inferred from the file that defines the flow, or given). Returns a typed handle for
 * `runDeployment`. @internal
 */
export async function deployFlow<TParams, TResult>(
  flow: AnyFlow,
  options: DeployOptions<TParams>,
): Promise<DeploymentHandle<TParams, TResult>> {
  if (!options?.workPool) {
    throw new DeploymentError(
      `deploy() of flow '${flow.name}' needs a workPool; to run the flow in this process use flow.serve().`,
    );
  }
  const path = options.path ?? process.cwd();
  const entrypoint =
    options.entrypoint ?? inferEntrypoint({ flowName: flow.name, file: definitionFile(flow), base: path });
  const input: DeploymentCreate = {
    ...deploymentCreateInput(flow, options as DeploymentOptionsBase<unknown>),
    workPoolName: options.workPool,
    entrypoint,
    path,
  };
  if (options.workQueue !== undefined) input.workQueueName = options.workQueue;
  if (options.jobVariables !== undefined) input.jobVariables = options.jobVariables;
  if (options.pullSteps !== undefined) input.pullSteps = options.pullSteps;
  const client = await resolveDeploymentsClient(options.client);
  return toDeploymentHandle(await registerDeployment(client, input));
}
