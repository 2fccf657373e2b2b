import type { FlowRunService } from '../domains/flow-runs/flow-run-service';
import type { FlowService } from '../domains/flows/flow-service';
import type { LogService } from '../domains/logs/log-service';
import type { TaskRunService } from '../domains/task-runs/task-run-service';
import type { ServerLogger } from '../resources';

/** The services a procedure may call. Typed by schema types only, so no row type leaks. */
export interface Services {
  flows: FlowService;
  flowRuns: FlowRunService;
  taskRuns: TaskRunService;
  logs: LogService;
}

/** The context of every tRPC call, in-process or over HTTP. */
export interface TrpcContext {
  services: Services;
  logger: ServerLogger;
}
