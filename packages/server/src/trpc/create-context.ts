import { createArtifactService } from '../domains/artifacts/artifact-service';
import { createBlockDocumentService } from '../domains/blocks/block-document-service';
import { createBlockSchemaService } from '../domains/blocks/block-schema-service';
import { createBlockTypeService } from '../domains/blocks/block-type-service';
import { createConcurrencyLimitService } from '../domains/concurrency-limits/concurrency-limit-service';
import { createDeploymentService } from '../domains/deployments/deployment-service';
import { createFlowRunService } from '../domains/flow-runs/flow-run-service';
import { createFlowService } from '../domains/flows/flow-service';
import { createLogService } from '../domains/logs/log-service';
import { createTaskRunService } from '../domains/task-runs/task-run-service';
import { createVariableService } from '../domains/variables/variable-service';
import { createWorkPoolServices } from '../domains/work-pools/work-pool-service';
import type { ServerResources } from '../resources';
import type { Services, TrpcContext } from './context';

/** Build every service over one set of resources. */
export function createServices(resources: ServerResources): Services {
  return {
    flows: createFlowService(resources),
    flowRuns: createFlowRunService(resources),
    taskRuns: createTaskRunService(resources),
    logs: createLogService(resources),
    deployments: createDeploymentService(resources),
    blockTypes: createBlockTypeService(resources),
    blockSchemas: createBlockSchemaService(resources),
    blockDocuments: createBlockDocumentService(resources),
    concurrencyLimits: createConcurrencyLimitService(resources),
    ...createWorkPoolServices(resources),
    variables: createVariableService(resources),
    artifacts: createArtifactService(resources),
  };
}

/** A context factory: the services are built once and shared by every call. */
export function createContextFactory(resources: ServerResources): () => Promise<TrpcContext> {
  const context: TrpcContext = { services: createServices(resources), logger: resources.logger };
  return async () => context;
}
