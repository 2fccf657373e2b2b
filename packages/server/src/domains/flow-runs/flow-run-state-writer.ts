import { type OrchestrationResult, type State, type StateCreate, uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { orchestrateFlowRunTransition } from '../../orchestration/index';
import {
  applyDeploymentLeaseEffect,
  loadDeploymentConcurrency,
} from '../deployments/deployment-concurrency-repository';
import { recordTaskRunStates } from '../task-runs/task-run-batch-repository';
import { lockFlowRunSnapshot } from './flow-run-repository';
import { writeFlowRunState } from './flow-run-write-repository';

/**
 * Propose a flow run state inside the caller's transaction: lock the run (and, for a run of a
 * deployment with a concurrency limit, load its leases), orchestrate, write the state and run
 * patch when orchestration says so, take, renew or release the deployment concurrency lease, and
 * mirror the state onto the parent task run of a subflow. Undefined when the run does not exist.
 */
export async function proposeFlowRunState(
  trx: Kysely<Database>,
  input: { id: string; proposed: StateCreate; force: boolean; now: Date },
): Promise<{ result: OrchestrationResult; written: boolean } | undefined> {
  const run = await lockFlowRunSnapshot(trx, input.id);
  if (!run) return undefined;
  if (run.deploymentId) {
    run.deploymentConcurrency = await loadDeploymentConcurrency(trx, {
      deploymentId: run.deploymentId,
      flowRunId: run.id,
      proposedType: input.proposed.type,
      now: input.now,
    });
  }
  const { result, write, lease } = orchestrateFlowRunTransition({
    run,
    proposed: input.proposed,
    now: input.now,
    force: input.force,
  });
  if (!write) return { result, written: false };
  await writeFlowRunState(trx, {
    flowRunId: run.id,
    state: write.state,
    runPatch: write.runPatch,
    now: input.now,
  });
  if (lease && run.deploymentId && run.deploymentConcurrency) {
    await applyDeploymentLeaseEffect(trx, {
      effect: lease,
      deploymentId: run.deploymentId,
      flowRunId: run.id,
      gracePeriodSeconds: run.deploymentConcurrency.gracePeriodSeconds,
      now: input.now,
    });
  }
  if (run.parentTaskRunId) {
    await mirrorOntoParentTaskRun(trx, {
      flowRunId: run.id,
      parentTaskRunId: run.parentTaskRunId,
      state: write.state,
      now: input.now,
    });
  }
  return { result, written: true };
}

/**
 * Reference §2.3 UpdateSubflowParentTask: a copy of the subflow's state (new id, `childFlowRunId`
 * set) is recorded on its tracking task run, through the task run transforms.
 */
export async function mirrorOntoParentTaskRun(
  trx: Kysely<Database>,
  input: { flowRunId: string; parentTaskRunId: string; state: State; now: Date },
): Promise<void> {
  const parent = await trx
    .selectFrom('task_run')
    .select('id')
    .where('id', '=', input.parentTaskRunId)
    .executeTakeFirst();
  // The tracking task run may have been deleted with its own flow run; nothing to mirror onto.
  if (!parent) return;
  const mirrored: State = {
    ...input.state,
    id: uuid7(input.state.timestamp.getTime()),
    stateDetails: {
      ...input.state.stateDetails,
      childFlowRunId: input.flowRunId,
      taskRunId: input.parentTaskRunId,
    },
  };
  await recordTaskRunStates(
    trx,
    [{ taskRunId: input.parentTaskRunId, state: mirrored, subflowRunId: input.flowRunId }],
    { now: input.now },
  );
}
