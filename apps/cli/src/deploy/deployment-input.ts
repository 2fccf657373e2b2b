import type { DeploymentCreate, JsonObject } from '@weft/schemas';
import type { LoadedFlow } from '../commands/run-loader';
import { type DeployFile, type DeployFileDeployment, toScheduleInput } from './deploy-file';

/** A flow loaded from an entrypoint, as `weft deploy` reads it (structurally: any engine copy). */
export interface DeployableFlow extends LoadedFlow {
  readonly parameterSchema?: Record<string, unknown>;
  readonly options?: LoadedFlow['options'] & { version?: string; description?: string };
}

function concurrency(limit: DeployFileDeployment['concurrencyLimit']): Partial<DeploymentCreate> {
  if (limit === undefined) return {};
  if (typeof limit === 'number') return { concurrencyLimit: limit };
  return {
    concurrencyLimit: limit.limit,
    concurrencyOptions: {
      collisionStrategy: limit.collisionStrategy ?? 'ENQUEUE',
      gracePeriodSeconds: limit.gracePeriodSeconds ?? 300,
    },
  };
}

/**
 * The `deployments.create` input of one file entry: the flow's name and parameter schema, the
 * entry's fields, and its pull steps (its own, else the file's). Without pull steps the path is
 * the file's folder; with them, the folder the steps leave the worker in.
 */
export function toDeploymentCreate(options: {
  entry: DeployFileDeployment;
  file: DeployFile;
  flow: DeployableFlow;
  root: string;
}): DeploymentCreate {
  const { entry, flow } = options;
  const pullSteps = entry.pull ?? options.file.pull ?? [];
  const input: DeploymentCreate = {
    flowName: flow.name,
    name: entry.name,
    entrypoint: entry.entrypoint,
    path: pullSteps.length ? null : options.root,
    pullSteps,
    enforceParameterSchema: entry.enforceParameterSchema ?? true,
    workPoolName: entry.workPool?.name ?? null,
    ...concurrency(entry.concurrencyLimit),
  };
  if (flow.parameterSchema) input.parameterSchema = flow.parameterSchema as JsonObject;
  const version = entry.version ?? flow.options?.version;
  const description = entry.description ?? flow.options?.description;
  if (version !== undefined) input.version = version;
  if (description !== undefined) input.description = description;
  if (entry.workPool?.workQueueName) input.workQueueName = entry.workPool.workQueueName;
  if (entry.workPool?.jobVariables) input.jobVariables = entry.workPool.jobVariables;
  if (entry.parameters) input.parameters = entry.parameters;
  if (entry.tags) input.tags = entry.tags;
  if (entry.paused !== undefined) input.paused = entry.paused;
  if (entry.schedules) input.schedules = entry.schedules.map(toScheduleInput);
  return input;
}
