import { type LogCreate, MAX_LOG_BATCH, MAX_LOG_MESSAGE_LENGTH } from '@weft/schemas';

/** Options of {@link LogShipper}. */
export interface LogShipperOptions {
  send: (batch: LogCreate[]) => Promise<unknown>;
  /** Ship queued logs this often. @default 1000 */
  intervalMs?: number;
  /** Ship at once when this many logs wait. @default 1000 */
  maxQueued?: number;
  onError?: (error: unknown, count: number) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Ships run logs to the server in batches (`logs.create`), like Prefect's `APILogWorker`: every
 * `intervalMs` or at `maxQueued` logs, one batch in flight at a time, retried three times.
 * @internal
 */
export class LogShipper {
  readonly #options: Required<Omit<LogShipperOptions, 'onError'>> & Pick<LogShipperOptions, 'onError'>;
  #queue: LogCreate[] = [];
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  /** Number of batches sent. */
  batchesSent = 0;

  constructor(options: LogShipperOptions) {
    this.#options = { intervalMs: 1000, maxQueued: 1000, ...options };
  }

  /** Queue one log; messages longer than the server accepts are truncated. */
  push(log: LogCreate): void {
    if (log.message.length > MAX_LOG_MESSAGE_LENGTH) {
      log.message = `${log.message.slice(0, MAX_LOG_MESSAGE_LENGTH - 20)}… [truncated]`;
    }
    this.#queue.push(log);
    if (this.#inFlight) return;
    if (this.#queue.length >= this.#options.maxQueued) this.#start();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => this.#start(), this.#options.intervalMs);
      this.#timer.unref();
    }
  }

  /** Logs waiting to be shipped. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Ship everything queued and wait for it. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#queue.length > 0 || this.#inFlight) {
      if (this.#inFlight) await this.#inFlight;
      else this.#start();
    }
  }

  #start(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#inFlight || this.#queue.length === 0) return;
    const batch = this.#queue.slice(0, MAX_LOG_BATCH);
    this.#queue = this.#queue.slice(batch.length);
    this.#inFlight = this.#send(batch).finally(() => {
      this.#inFlight = undefined;
      if (this.#queue.length > 0 && !this.#timer) {
        this.#timer = setTimeout(() => this.#start(), this.#options.intervalMs);
        this.#timer.unref();
      }
    });
  }

  async #send(batch: LogCreate[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.batchesSent += 1;
        await this.#options.send(batch);
        return;
      } catch (error) {
        if (attempt >= 3) {
          this.#options.onError?.(error, batch.length);
          return;
        }
        await sleep(100 * attempt);
      }
    }
  }
}
