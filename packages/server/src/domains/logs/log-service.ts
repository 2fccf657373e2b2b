import { type Log, uuid7 } from '@weft/schemas';
import type { ServerResources } from '../../resources';
import type { LogService } from '../../trpc/context';
import { insertLogs, listLogs } from './log-repository';

export type { LogService };

/** Create the log service. */
export function createLogService(resources: ServerResources): LogService {
  const { db, events } = resources;
  return {
    async create(input) {
      const logs: Log[] = input.map((log) => ({
        id: log.id ?? uuid7(log.timestamp.getTime()),
        name: log.name,
        level: log.level,
        // Postgres text cannot hold NUL; a log line must not be lost for one odd character.
        message: log.message.replaceAll('\u0000', '\uFFFD'),
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
