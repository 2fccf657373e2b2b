import type { ArtifactType, JsonValue } from '@weft/schemas';
import { findRunContext } from '../context/run-context';
import { resolveArtifactsClient } from './artifacts-client';

/** Options every artifact helper takes. */
export interface ArtifactOptions {
  /** Lowercase letters, digits and dashes; artifacts of one key are versions of it. */
  key?: string;
  /** Markdown shown with the artifact. */
  description?: string;
}

/**
 * Create an artifact tied to the current flow run and task run (when there are any); returns its
 * id. @internal
 */
export async function createArtifact(
  type: ArtifactType,
  data: JsonValue,
  options: ArtifactOptions = {},
): Promise<string> {
  const context = findRunContext();
  const client = await resolveArtifactsClient();
  const flowRunId = context?.flowRun?.flowRun.id;
  const taskRunId = context?.taskRun?.taskRun.id;
  const artifact = await client.artifacts.create.mutate({
    type,
    data,
    ...(options.key !== undefined ? { key: options.key } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(flowRunId ? { flowRunId } : {}),
    ...(taskRunId ? { taskRunId } : {}),
  });
  return artifact.id;
}
