// The work pool, queue and worker service contracts, typed by schema types only (they are part of
// the router's type). Placeholders until the work pools domain lands; its owner replaces this file.

/** Work pools. */
export type WorkPoolService = Record<string, never>;
/** Work queues of a pool. */
export type WorkQueueService = Record<string, never>;
/** Workers of a pool. */
export type WorkerService = Record<string, never>;
