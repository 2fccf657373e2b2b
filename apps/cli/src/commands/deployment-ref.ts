import { type DeploymentRef, Uuid } from '@weft/schemas';
import { InvalidArgumentError } from 'commander';

/** Parse `flow-name/deployment-name` or a deployment id. @internal */
export function parseDeploymentRef(value: string): DeploymentRef {
  const text = value.trim();
  if (Uuid.safeParse(text).success) return { id: text };
  if (/^[^/]+\/[^/]+$/.test(text)) return { name: text };
  throw new InvalidArgumentError(
    "expected 'flow-name/deployment-name' or a deployment id (see `weft deployment ls`).",
  );
}
