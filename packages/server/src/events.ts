import type { Log } from '@weft/schemas';

/** What the server announces in-process. Subscriptions (SSE) listen to these. */
export interface ServerEventMap {
  /** A flow run's state or fields changed. */
  flowRunChanged: { id: string };
  /** Logs were recorded. */
  logsCreated: { logs: Log[] };
  /**
   * Flow runs entered SCHEDULED (created by the scheduler or a deployment run, retried, enqueued
   * behind a concurrency slot). Workers and `serve` processes wake on it instead of only polling.
   */
  flowRunsScheduled: {
    ids: string[];
    /** Set when another server replica scheduled them (relayed through LISTEN/NOTIFY). */
    remote?: boolean;
  };
}

type Listener<T> = (payload: T) => void;

/**
 * A typed in-process event emitter. One server process only; `flowRunsScheduled` also crosses
 * replicas through Postgres LISTEN/NOTIFY (domains/work-pools/scheduled-wakeups.ts).
 */
export class ServerEvents {
  readonly #listeners = new Map<keyof ServerEventMap, Set<Listener<never>>>();

  /** Announce an event to every current listener. Listener errors are not the emitter's problem. */
  emit<K extends keyof ServerEventMap>(name: K, payload: ServerEventMap[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      (listener as Listener<ServerEventMap[K]>)(payload);
    }
  }

  /** Listen to an event; returns the function that stops listening. */
  on<K extends keyof ServerEventMap>(name: K, listener: Listener<ServerEventMap[K]>): () => void {
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /**
   * The events of one name as an async iterable, buffered from the moment of the call until
   * `signal` aborts, so nothing emitted between subscribing and the first `next()` is lost.
   */
  stream<K extends keyof ServerEventMap>(
    name: K,
    signal: AbortSignal | undefined,
  ): AsyncIterable<ServerEventMap[K]> {
    const buffer: ServerEventMap[K][] = [];
    let wake: (() => void) | null = null;
    const off = this.on(name, (payload) => {
      buffer.push(payload);
      wake?.();
    });
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort);
    return {
      async *[Symbol.asyncIterator]() {
        try {
          while (!signal?.aborted) {
            const next = buffer.shift();
            if (next !== undefined) {
              yield next;
              continue;
            }
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = null;
          }
        } finally {
          off();
          signal?.removeEventListener('abort', onAbort);
        }
      },
    };
  }
}
