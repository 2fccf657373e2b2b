/**
 * `@weft/server/router`: the tRPC router and its type. The client imports `type AppRouter` from
 * here; its types are built only from `@weft/schemas` and `@trpc/server` (no row types).
 */
import { API_VERSION } from '@weft/schemas';
import { z } from 'zod';
import { artifactRouter } from './domains/artifacts/artifact-router';
import { blockDocumentRouter, blockSchemaRouter, blockTypeRouter } from './domains/blocks/block-router';
import { concurrencyLimitRouter } from './domains/concurrency-limits/concurrency-limit-router';
import { deploymentRouter } from './domains/deployments/deployment-router';
import { flowRunRouter } from './domains/flow-runs/flow-run-router';
import { flowRouter } from './domains/flows/flow-router';
import { logRouter } from './domains/logs/log-router';
import { taskRunRouter } from './domains/task-runs/task-run-router';
import { variableRouter } from './domains/variables/variable-router';
import { workerRouter, workPoolRouter, workQueueRouter } from './domains/work-pools/work-pool-router';
import { procedure, router } from './trpc/init';
import { SERVER_VERSION } from './version';

const adminRouter = router({
  /** The server's version and wire API version. */
  version: procedure
    .output(z.object({ version: z.string(), apiVersion: z.string() }))
    .query(() => ({ version: SERVER_VERSION, apiVersion: API_VERSION })),
});

/**
 * The Weft API: one sub-router per domain.
 * @example client.flowRuns.list.query({ filter: { stateType: { any: ['RUNNING'] } } })
 */
export const appRouter = router({
  flows: flowRouter,
  flowRuns: flowRunRouter,
  taskRuns: taskRunRouter,
  logs: logRouter,
  deployments: deploymentRouter,
  workPools: workPoolRouter,
  workQueues: workQueueRouter,
  workers: workerRouter,
  blockTypes: blockTypeRouter,
  blockSchemas: blockSchemaRouter,
  blockDocuments: blockDocumentRouter,
  variables: variableRouter,
  artifacts: artifactRouter,
  concurrencyLimits: concurrencyLimitRouter,
  admin: adminRouter,
});

/** The type of the Weft API, for `createWeftClient` and `createTRPCClient<AppRouter>`. */
export type AppRouter = typeof appRouter;
