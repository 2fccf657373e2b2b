/**
 * Pure flow and task run orchestration (reference §2): rules, policies, global transforms and the
 * engine that runs them. No I/O: the server's repositories load snapshots and write the results.
 */

export { GLOBAL_FLOW_TRANSFORMS, GLOBAL_TASK_TRANSFORMS } from './global-transforms';
export type { OrchestrationOutput } from './orchestrate';
export { orchestrate } from './orchestrate';
export { orchestrateFlowRunTransition } from './orchestrate-flow-run-transition';
export { CORE_FLOW_POLICY, MINIMAL_FLOW_POLICY } from './policies';
export type {
  FromStateType,
  OrchestrationRule,
  RuleContext,
  RuleDecision,
  RuleEffect,
} from './rule';
export { ALL_FROM_STATES, ALL_TO_STATES, defineRule } from './rule';
export type { PolicyOutcome } from './run-policy';
export type { FlowRunPatch, FlowRunSnapshot, TaskRunPatch, TaskRunSnapshot } from './run-snapshots';
export { applyTaskRunTransforms, taskRunTransforms } from './task-run-transforms';
export type {
  RunTransform,
  TransformableFlowRun,
  TransformableRun,
  TransformContext,
  TransformResult,
} from './transform';
