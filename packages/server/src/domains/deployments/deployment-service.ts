import type { ServerResources } from '../../resources';
import type { DeploymentService } from './deployment-contract';

/** Create the deployment service. */
export function createDeploymentService(_resources: ServerResources): DeploymentService {
  return {};
}
