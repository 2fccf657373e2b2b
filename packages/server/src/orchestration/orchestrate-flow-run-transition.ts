import type { StateCreate } from '@weft/schemas';
import { GLOBAL_FLOW_TRANSFORMS } from './global-transforms';
import { type OrchestrationOutput, orchestrate } from './orchestrate';
import { CORE_FLOW_POLICY, MINIMAL_FLOW_POLICY } from './policies';
import { toProposedState } from './proposed-state';
import { type DeploymentLeaseEffect, deploymentLeaseEffect } from './rules/deployment-lease-effect';
import type { FlowRunSnapshot } from './run-snapshots';

/** Orchestration's answer for a flow run, with what to do to its deployment concurrency lease. */
export type FlowRunOrchestrationOutput = OrchestrationOutput & { lease: DeploymentLeaseEffect | null };

/**
 * Decide a proposed flow run state (reference §2). Pure: the caller loads `run` with its current
 * state `FOR UPDATE`, then writes `write.state` and applies `write.runPatch` in the same
 * transaction, denormalising the state's id, type, name and timestamp onto the run itself.
 * `force` swaps the core policy for the minimal one; the global transforms always run. `lease`
 * says what to do to the run's deployment concurrency lease in the same transaction.
 * @example
 * const { result, write } = orchestrateFlowRunTransition({ run, proposed: { type: 'RUNNING' }, now: clock() });
 * if (write) await repo.writeState(run.id, write.state, write.runPatch);
 */
export function orchestrateFlowRunTransition(input: {
  run: FlowRunSnapshot;
  proposed: StateCreate;
  now: Date;
  force?: boolean;
}): FlowRunOrchestrationOutput {
  const output = orchestrate({
    run: input.run,
    proposed: toProposedState(input.proposed, input.now),
    now: input.now,
    rules: input.force ? MINIMAL_FLOW_POLICY : CORE_FLOW_POLICY,
    transforms: GLOBAL_FLOW_TRANSFORMS,
  });
  return { ...output, lease: deploymentLeaseEffect(input.run, output.write?.state ?? null, input.now) };
}
