import { LogShipper } from '../logging/log-shipper';
import { Orchestrator, type OrchestratorClient } from '../orchestrator';
import { TaskRunRecorder } from '../recording/task-run-recorder';
import { createLocalFileResultStore } from '../results/local-file-result-store';
import type { ResultStore } from '../results/result-store';
import { connectToServer } from './ephemeral';
import { type EngineSettings, readSettings } from './settings';

/**
 * Everything the engine shares across runs in one process: the port to the server, the task run
 * recorder and the log shipper. @internal
 */
export interface EngineSession {
  readonly settings: EngineSettings;
  /**
   * The client the session talks through (a whole `WeftClient` at run time): domains beyond the
   * orchestrator's slice (deployments, `serve`, `runDeployment`) reach it through ports of their own.
   */
  readonly client: OrchestratorClient;
  readonly orchestrator: Orchestrator;
  readonly recorder: TaskRunRecorder;
  readonly logs: LogShipper;
  /** The default result store (local files in `$WEFT_HOME/storage`). */
  readonly resultStore: ResultStore;
  /** Flush the recorder and the logs. */
  flush(): Promise<void>;
  /** Start flushing without waiting; the process does not exit before it is done. */
  flushInBackground(): void;
  /** Flush, then stop an embedded server if this session started one. */
  close(): Promise<void>;
  /** Start the background services of the embedded server this session runs, if any (`serve()`). */
  startServerServices(): void;
}

/** Options of {@link createEngineSession}. @internal */
export interface CreateEngineSessionOptions {
  client: OrchestratorClient;
  settings?: EngineSettings;
  resultStore?: ResultStore;
  /** Called by `close()` after flushing (e.g. to stop an embedded server). */
  onClose?: () => Promise<void>;
  /** Starts an embedded server's background services. */
  startServerServices?: () => void;
  recorder?: { intervalMs?: number; maxQueued?: number; maxInFlight?: number; lingerMs?: number };
  logs?: { intervalMs?: number; maxQueued?: number };
}

function report(what: string) {
  return (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`weft: could not record ${what}: ${message}\n`);
  };
}

/** A session over a client. @internal */
export function createEngineSession(options: CreateEngineSessionOptions): EngineSession {
  const orchestrator = new Orchestrator(options.client);
  const recorder = new TaskRunRecorder({
    send: (batch) => orchestrator.recordTaskRuns(batch),
    onError: report('task runs'),
    ...options.recorder,
  });
  const logs = new LogShipper({
    send: (batch) => orchestrator.createLogs(batch),
    onError: report('logs'),
    ...options.logs,
  });
  const flush = async () => {
    await recorder.flush();
    await logs.flush();
  };
  let closed: Promise<void> | undefined;
  const flushInBackground = () => {
    flush().catch(report('task runs and logs'));
  };
  const watch = { flush: flushInBackground, pending: () => recorder.queued > 0 || logs.queued > 0 };
  exitWatch.add(watch);
  watchBeforeExit();
  const settings = options.settings ?? readSettings();
  return {
    settings,
    resultStore: options.resultStore ?? createLocalFileResultStore({ basePath: settings.resultsPath }),
    client: options.client,
    orchestrator,
    recorder,
    logs,
    flush,
    flushInBackground,
    startServerServices() {
      options.startServerServices?.();
    },
    close() {
      exitWatch.delete(watch);
      closed ??= flush().then(() => options.onClose?.());
      return closed;
    },
  };
}

const exitWatch = new Set<{ flush(): void; pending(): boolean }>();
let watchingExit = false;

// Records still queued when the event loop empties are sent before the process exits: the send
// keeps the loop alive, and `beforeExit` fires again once it is done.
function watchBeforeExit(): void {
  if (watchingExit) return;
  watchingExit = true;
  process.on('beforeExit', () => {
    for (const watched of exitWatch) if (watched.pending()) watched.flush();
  });
}

const SESSION = Symbol.for('weft.engine.session');
type Holder = Record<symbol, Promise<EngineSession> | undefined>;

/**
 * The process's session, created on first use: connected to `WEFT_API_URL`, else to an embedded
 * server (ephemeral mode). Kept on `globalThis` so two copies of the engine share it. @internal
 */
export function getEngineSession(): Promise<EngineSession> {
  const holder = globalThis as unknown as Holder;
  let session = holder[SESSION];
  if (!session) {
    session = connectToServer(readSettings()).then((connection) => {
      const created = createEngineSession({
        client: connection.client,
        settings: connection.settings,
        onClose: connection.close,
        ...(connection.startServices && { startServerServices: connection.startServices }),
      });
      // An embedded server is stopped (and its database lock released) once the script's work is
      // done; `close()` flushes first, so nothing queued is lost.
      if (connection.target === 'embedded') {
        process.once('beforeExit', () => {
          // A run started after this point connects again instead of using a stopped server.
          if (holder[SESSION] === session) holder[SESSION] = undefined;
          void created.close();
        });
      }
      return created;
    });
    session.catch(() => {
      if (holder[SESSION] === session) holder[SESSION] = undefined;
    });
    holder[SESSION] = session;
  }
  return session;
}

/**
 * Use this session for every run from now on (tests, the CLI, workers); `undefined` forgets the
 * current one so the next run connects again. Returns the previous session. @internal
 */
export function setEngineSession(session: EngineSession | undefined): Promise<EngineSession> | undefined {
  const holder = globalThis as unknown as Holder;
  const previous = holder[SESSION];
  holder[SESSION] = session ? Promise.resolve(session) : undefined;
  return previous;
}

/**
 * Wait until every task run, state and log of this process's runs is recorded. Flows return as
 * soon as their final state is accepted and record the rest in the background; call this before
 * `process.exit()` so nothing queued is lost.
 * @example
 * await pipeline();
 * await flushEngine();
 * process.exit(0);
 */
export async function flushEngine(): Promise<void> {
  const session = (globalThis as unknown as Holder)[SESSION];
  if (session) await (await session).flush();
}

/**
 * Flush and close this process's session: everything queued is recorded, and an embedded server
 * is stopped and its database released now, instead of when the event loop empties (the embedded
 * database keeps a timer of its own, so that can take seconds). The next run connects again.
 * `weft run` calls it when its run is done.
 * @example
 * await pipeline();
 * await closeEngine();
 */
export async function closeEngine(): Promise<void> {
  const holder = globalThis as unknown as Holder;
  const session = holder[SESSION];
  if (!session) return;
  holder[SESSION] = undefined;
  await (await session).close();
}
