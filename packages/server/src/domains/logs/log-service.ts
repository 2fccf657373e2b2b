import { type Log, type LogBatch, type LogListInput, uuid7 } from '@weft/schemas';
import type { z } from 'zod';
import type { ServerResources } from '../../resources';
import { insertLogs, listLogs } from './log-repository';

/** Logs: recorded in batches, listed, watched. */
export interface LogService {
  create(input: z.output<typeof LogBatch>): Promise<{ count: number }>;
  list(input: z.output<typeof LogListInput>): Promise<Log[]>;
  /** New logs of a flow run as they are recorded, until `signal` aborts. */
  watch(flowRunId: string, signal: AbortSignal | undefined): AsyncGenerator<Log>;
}

/** Create the log service. */
export function createLogService(resources: ServerResources): LogService {
  const { db, events } = resources;
  return {
    async create(input) {
      const logs: Log[] = input.map((log) => ({
        id: log.id ?? uuid7(log.timestamp.getTime()),
        name: log.name,
        level: log.level,
        message: log.message,
        timestamp: log.timestamp,
        flowRunId: log.flowRunId ?? null,
        taskRunId: log.taskRunId ?? null,
      }));
      const inserted = await insertLogs(db, logs);
      if (inserted.length > 0) events.emit('logsCreated', { logs: inserted });
      return { count: inserted.length };
    },
    async list(input) {
      return listLogs(db, input);
    },
    async *watch(flowRunId, signal) {
      for await (const { logs } of events.stream('logsCreated', signal)) {
        for (const log of logs) if (log.flowRunId === flowRunId) yield log;
      }
    },
  };
}
