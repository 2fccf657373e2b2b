import { type JsonValue, newState, type State } from '@weft/schemas';
import { type FlowRunContext, withRunContext } from '../context/run-context';
import { RunTimeoutError } from '../errors';
import { toSerializedError } from '../errors/serialize-error';
import { installLogPrints } from '../logging/log-prints';
import type { ResultStore } from '../results/result-store';
import { toStateData } from '../tasks/result-data';
import { runWithTimeout } from '../tasks/timeout';
import { finalStateFor } from './final-state';
import type { DriveOptions } from './flow-run-engine';

/** How one attempt of a flow run ended, before the server has its say. @internal */
export interface AttemptResult {
  state: State;
  force: boolean;
  value?: unknown;
  error?: unknown;
  store: ResultStore;
}

async function settlePending(context: FlowRunContext): Promise<void> {
  // Tasks submitted and never awaited still belong to this attempt: wait for them, as Prefect does.
  while (context.pending.size > 0) await Promise.allSettled([...context.pending]);
}

function shouldPersist(options: DriveOptions): boolean {
  return (
    options.flow.options.persistResult ?? (options.subflow ? true : options.session.settings.persistByDefault)
  );
}

/** Run the flow function once, under its timeout, and turn the outcome into a proposed state. @internal */
export async function runAttempt(options: DriveOptions & { runCount: number }): Promise<AttemptResult> {
  const { flow, session, flowRun, bound, logger } = options;
  const controller = new AbortController();
  // A cancel from outside (`serve`) aborts the attempt's signal, as a timeout does.
  const cancel = options.cancelSignal;
  if (cancel?.aborted) controller.abort(cancel.reason);
  else cancel?.addEventListener('abort', () => controller.abort(cancel.reason), { once: true });
  const store = flow.options.resultStore ?? options.parent?.resultStore ?? session.resultStore;
  const logPrints = flow.options.logPrints ?? false;
  if (logPrints) installLogPrints();
  const context: FlowRunContext = {
    kind: 'flow',
    session,
    flow,
    flowRun,
    parameters: bound.parameters,
    runCount: options.runCount,
    resultStore: store,
    logger,
    logPrints,
    occurrences: new Map(),
    results: new WeakMap(),
    pending: new Set(),
    signal: controller.signal,
    deployment: options.deployment,
  };
  const timeoutSeconds = flow.options.timeoutSeconds;
  const details = { flowRunId: flowRun.id };
  try {
    const returned = await runWithTimeout({
      fn: () =>
        withRunContext({ flowRun: context, taskRun: undefined }, async () =>
          flow.fn(...(bound.args as never[])),
        ),
      timeoutSeconds,
      controller,
      message: `Flow run exceeded timeout of ${timeoutSeconds} second(s)`,
    });
    await settlePending(context);
    const final = await finalStateFor(returned, details);
    if (final.state.type !== 'COMPLETED' || !shouldPersist(options)) {
      if (final.state.type === 'COMPLETED') final.state.data = { type: 'unpersisted' };
      return { state: final.state, force: false, value: final.value, error: final.error, store };
    }
    try {
      const key = options.subflow?.resultKey ?? `${flowRun.id}/flow-result`;
      final.state.data = toStateData(await store.write(key, final.value));
    } catch (error) {
      logger.warning(`Could not persist the flow run's result: ${(error as Error).message}`);
      final.state.data = { type: 'unpersisted' };
    }
    return { state: final.state, force: false, value: final.value, store };
  } catch (error) {
    const timedOut = error instanceof RunTimeoutError;
    if (!timedOut) await settlePending(context);
    const serialized = toSerializedError(error);
    logger.error(
      timedOut ? serialized.message : 'Encountered exception during execution:',
      ...(timedOut ? [] : [error]),
    );
    const state = newState('FAILED', {
      name: timedOut ? 'TimedOut' : 'Failed',
      message: timedOut ? serialized.message : `Flow run encountered an exception: ${serialized.message}`,
      data: serialized as JsonValue,
      stateDetails: details,
    });
    return { state, force: false, error, store };
  }
}
