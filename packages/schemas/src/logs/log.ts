import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { DateFilter, IdFilter, Pagination } from '../filters/operators';

/** Log levels, numbered as in Python's logging (and Prefect). */
export const LOG_LEVELS = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 } as const;
export type LogLevelName = keyof typeof LOG_LEVELS;

/** The longest message one log may carry; longer ones are truncated by the engine. */
export const MAX_LOG_MESSAGE_LENGTH = 1_000_000;

/** A log line of a flow run or task run. */
export const Log = z.object({
  id: Uuid,
  name: z.string(),
  level: z.number().int().min(0).max(100),
  message: z.string(),
  timestamp: DateTime,
  flowRunId: Uuid.nullable(),
  taskRunId: Uuid.nullable(),
});
export type Log = z.infer<typeof Log>;

/** A log to record. */
export const LogCreate = z.object({
  id: Uuid.optional(),
  name: z.string().min(1).max(256),
  level: z.number().int().min(0).max(100),
  message: z.string().max(MAX_LOG_MESSAGE_LENGTH),
  timestamp: DateTime,
  flowRunId: Uuid.nullish(),
  taskRunId: Uuid.nullish(),
});
export type LogCreate = z.input<typeof LogCreate>;

/** The most logs one batch may carry. */
export const MAX_LOG_BATCH = 10_000;

/** Record a batch of logs, in one transaction. */
export const LogBatch = z.array(LogCreate).max(MAX_LOG_BATCH);
export type LogBatch = z.input<typeof LogBatch>;

/** Filter logs. */
export const LogFilter = z
  .object({
    flowRunId: IdFilter.optional(),
    taskRunId: IdFilter.optional(),
    level: z.object({ ge: z.number().int().optional(), le: z.number().int().optional() }).strict().optional(),
    timestamp: DateFilter.optional(),
    /** Case-insensitive search in the message. */
    text: z.string().max(256).optional(),
  })
  .strict();
export type LogFilter = z.infer<typeof LogFilter>;

export const LOG_SORTS = ['TIMESTAMP_ASC', 'TIMESTAMP_DESC'] as const;
export const LogSort = z.enum(LOG_SORTS);
export type LogSort = z.infer<typeof LogSort>;

/** List logs. */
export const LogListInput = Pagination.extend({
  filter: LogFilter.optional(),
  sort: LogSort.default('TIMESTAMP_ASC'),
});
export type LogListInput = z.input<typeof LogListInput>;
