import { type FlowRun, newState, type State } from '@weft/schemas';
import type { EngineSession } from './config/engine-session';
import { flowRunInfo } from './flows/flow-run-info';
import type { AnyFlow } from './flows/flow-types';
import type { RunLogger } from './logging/run-logger';
import { runHooks } from './tasks/run-hooks';

/** A top-level flow run this process is running. @internal */
export interface TrackedRun {
  flow: AnyFlow;
  session: EngineSession;
  flowRun: FlowRun;
  logger: RunLogger;
  finished: boolean;
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
type Signal = keyof typeof SIGNALS;
const MESSAGES: Record<Signal, string> = {
  SIGINT: 'Execution was aborted by an interrupt signal.',
  SIGTERM: 'Execution was aborted by a termination signal.',
};

/** How long the engine may spend recording the end of its runs after a signal. */
const SIGNAL_GRACE_MS = 10_000;

const active = new Set<TrackedRun>();
let installed = false;
let handling = false;
/**
 * How long the listeners stay after the last run ended. Adding a signal's first listener and
 * removing its last cost about 20 µs, a tenth of a short flow run's own CPU, so runs that follow
 * each other keep them.
 */
const LINGER_MS = 1_000;
let lingering: NodeJS.Timeout | undefined;

function hookArgs(run: TrackedRun, state: State) {
  return [run.flow, flowRunInfo(run.flowRun), state] as const;
}

/**
 * End one run after a signal: Cancelled (forced) when a cancel was asked (the run is CANCELLING on
 * the server), else Crashed (forced). Returns whether it was a cancel. @internal
 */
export async function endRunOnSignal(run: TrackedRun, signal: Signal): Promise<boolean> {
  const { orchestrator } = run.session;
  const current = await orchestrator.readFlowRun(run.flowRun.id).catch(() => run.flowRun);
  const cancelling = current.stateType === 'CANCELLING';
  const proposed = cancelling
    ? newState('CANCELLED', {
        message: 'Flow run was cancelled.',
        stateDetails: { flowRunId: run.flowRun.id },
      })
    : newState('CRASHED', {
        message: MESSAGES[signal],
        data: { kind: 'internal', code: 'CRASHED', message: MESSAGES[signal] },
        stateDetails: { flowRunId: run.flowRun.id },
      });
  run.logger.error(`Received ${signal}; marking the flow run ${cancelling ? 'Cancelled' : 'Crashed'}`);
  const result = await orchestrator
    .proposeFlowRunState(run.flowRun.id, proposed, { force: true })
    .catch(() => null);
  const state = result?.state ?? proposed;
  const hooks = cancelling ? run.flow.options.onCancellation : run.flow.options.onCrashed;
  await runHooks(hooks, [...hookArgs(run, state)], {
    kind: cancelling ? 'onCancellation' : 'onCrashed',
    logger: run.logger,
  });
  return cancelling;
}

async function onSignal(signal: Signal): Promise<void> {
  if (!handling && active.size === 0) {
    // No run in progress: the listeners were only lingering. Step aside and let the signal do
    // what it would have done without them: the program's own listeners have just heard it;
    // with none, it is raised again for its default action (the process ends).
    uninstall();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    return;
  }
  if (handling) {
    // A second signal while the first is handled: the user insists, so go now.
    process.exit(128 + SIGNALS[signal]);
  }
  handling = true;
  // An unreachable server must not keep a signalled process alive: exit after a grace period.
  setTimeout(() => process.exit(128 + SIGNALS[signal]), SIGNAL_GRACE_MS);
  const runs = [...active].filter((r) => !r.finished);
  const sessions = new Set(runs.map((r) => r.session));
  try {
    const cancelled = await Promise.all(runs.map((r) => endRunOnSignal(r, signal)));
    const type = cancelled.some(Boolean) ? 'CANCELLED' : 'CRASHED';
    for (const session of sessions) session.recorder.crashOpenRuns(MESSAGES[signal], type);
    await Promise.all([...sessions].map((s) => s.flush().catch(() => undefined)));
    await Promise.all([...sessions].map((s) => s.close().catch(() => undefined)));
  } finally {
    process.exit(128 + SIGNALS[signal]);
  }
}

const listeners = {
  SIGINT: () => void onSignal('SIGINT'),
  SIGTERM: () => void onSignal('SIGTERM'),
} satisfies Record<Signal, () => void>;

// Listeners exist only while a run is in progress (and a second after), so a program's own
// signal handling is untouched the rest of the time.
function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(SIGNALS) as Signal[]) process.on(signal, listeners[signal]);
}

function uninstall(): void {
  clearTimeout(lingering);
  lingering = undefined;
  if (!installed || handling) return;
  installed = false;
  for (const signal of Object.keys(SIGNALS) as Signal[]) process.off(signal, listeners[signal]);
}

/**
 * Watch a top-level flow run so SIGINT/SIGTERM leave it Crashed (or Cancelled when a cancel was
 * asked), never Running forever. Returns the function that stops watching. @internal
 */
export function trackFlowRun(run: TrackedRun): () => void {
  install();
  active.add(run);
  return () => {
    active.delete(run);
    if (active.size === 0 && !lingering) {
      lingering = setTimeout(() => {
        lingering = undefined;
        if (active.size === 0) uninstall();
      }, LINGER_MS);
      lingering.unref();
    }
  };
}
