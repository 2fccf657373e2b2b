import { FlowName } from '@weft/schemas';
import type { z } from 'zod';
import { findRunContext } from '../context/run-context';
import { deployFlow } from '../deployments/deploy-flow';
import { rememberDefinitionSite } from '../deployments/flow-entrypoint';
import { serveFlow, toServableDeployment } from '../deployments/serve/serve';
import { FlowDefinitionError } from '../errors';
import { nameFromFunction } from '../tasks/task-key';
import { flowParameterSchema } from './flow-parameters';
import { runFlow } from './flow-run-engine';
import type { AnyFlow, Flow, FlowOptions, FlowRunOutcome } from './flow-types';

/**
 * Run a flow call. A subflow started and not awaited still belongs to its parent's attempt: the
 * parent waits for it before it finishes, as for submitted tasks.
 */
function start(flow: AnyFlow, args: unknown[]): Promise<FlowRunOutcome<unknown>> {
  const running = runFlow(flow, { args });
  const parent = findRunContext()?.flowRun;
  if (parent) {
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    parent.pending.add(settled);
    void settled.then(() => parent.pending.delete(settled));
  }
  return running;
}

function makeFlow(
  options: FlowOptions,
  fn: (...args: never[]) => unknown,
  // Where the flow was defined, for inferring a deployment's entrypoint; `with()` keeps it.
  site: Error = new Error('flow definition site'),
): AnyFlow {
  const name = options.name ?? nameFromFunction(fn, 'flow');
  const valid = FlowName.safeParse(name);
  if (!valid.success) {
    throw new FlowDefinitionError(
      `Invalid flow name '${name}': ${valid.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  let schema: Record<string, unknown> | undefined;
  const call = async (...args: unknown[]) => (await start(flow, args)).result();
  const flow = Object.assign(call, {
    kind: 'flow' as const,
    options: Object.freeze({ ...options, name }),
    fn,
    returnState: (...args: unknown[]) => start(flow, args),
    runWithParameters: (parameters: Record<string, unknown>) => runFlow(flow, { parameters }),
    with: (overrides: FlowOptions) => makeFlow({ ...options, ...overrides }, fn, site),
    deploy: (deployOptions: Parameters<AnyFlow['deploy']>[0]) => deployFlow(flow, deployOptions),
    serve: (serveOptions: Parameters<AnyFlow['serve']>[0]) => serveFlow(flow, serveOptions),
    toDeployment: (deployment: Parameters<AnyFlow['toDeployment']>[0]) =>
      toServableDeployment(flow, deployment),
  }) as unknown as AnyFlow;
  rememberDefinitionSite(flow, site);
  Object.defineProperty(flow, 'name', { value: name });
  Object.defineProperty(flow, 'parameterSchema', {
    get: () => {
      schema ??= flowParameterSchema(fn, options.parameters);
      return schema;
    },
  });
  return flow;
}

/**
 * Make a flow: an async function whose every call is a flow run recorded by the server, with
 * retries, a timeout, hooks and a persisted result. Called inside another flow (or a task), it
 * runs as a subflow linked to its parent. Its parameters may be a zod schema: calls are validated
 * (a failure is a FAILED run, and the call throws) and `flow.parameterSchema` is derived from it.
 * @example
 * const etl = flow({ name: 'etl', retries: 1, parameters: z.object({ day: z.string() }) },
 *   async ({ day }) => load(await extract(day)));
 * await etl({ day: '2026-01-01' });
 */
export function flow<TSchema extends z.ZodType, TReturn>(
  options: FlowOptions<TSchema> & { parameters: TSchema },
  fn: (parameters: z.output<TSchema>) => TReturn | Promise<TReturn>,
): Flow<
  undefined extends z.input<TSchema> ? [parameters?: z.input<TSchema>] : [parameters: z.input<TSchema>],
  Awaited<TReturn>,
  z.input<TSchema>
>;
export function flow<TArgs extends unknown[], TReturn>(
  options: FlowOptions<undefined> | string,
  fn: (...args: TArgs) => TReturn | Promise<TReturn>,
): Flow<TArgs, Awaited<TReturn>>;
export function flow(options: FlowOptions | string, fn: (...args: never[]) => unknown): AnyFlow {
  return makeFlow(typeof options === 'string' ? { name: options } : options, fn);
}
