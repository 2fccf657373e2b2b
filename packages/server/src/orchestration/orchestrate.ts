import type { FlowRunPolicy, OrchestrationResult, State } from '@weft/schemas';
import { State as StateSchema } from '@weft/schemas';
import { z } from 'zod';
import type { OrchestrationRule, RuleEffect } from './rule';
import { diffFlowRun } from './run-patch';
import { type PolicyOutcome, ruleErrorReason, runPolicy } from './run-policy';
import type { FlowRunPatch, FlowRunSnapshot } from './run-snapshots';
import { applyTransforms, type RunTransform, type TransformableFlowRun } from './transform';

/** Every orchestrated state change checks its state: with zod's compiled fast path. */
const CompiledState = z.compile(StateSchema);

/** What orchestration answers, and what to write (null: nothing). */
export interface OrchestrationOutput {
  result: OrchestrationResult;
  write: { state: State; runPatch: FlowRunPatch } | null;
}

/**
 * The orchestration engine, in Prefect's nesting order (reference §2.1): the policy rules'
 * `before` hooks in order; then, if a state is to be written, the global transforms on that state;
 * then each rule's `after` (or `cleanup`, if it fizzled) in reverse order. Pure: no I/O.
 */
export function orchestrate(input: {
  run: FlowRunSnapshot;
  proposed: State;
  now: Date;
  rules: readonly OrchestrationRule[];
  transforms: readonly RunTransform<TransformableFlowRun>[];
}): OrchestrationOutput {
  const { run, now } = input;
  const outcome = runPolicy(input);
  const written = outcome.proposed;
  if (written === null) {
    settle(outcome, run, input.proposed, now);
    return unchanged(outcome, run.state);
  }
  const transformed = applyTransforms<FlowRunSnapshot>(input.transforms, run.state, {
    state: written,
    run: { ...run, empiricalPolicy: outcome.policy },
  });
  const settled = settle(
    { ...outcome, policy: transformed.run.empiricalPolicy },
    run,
    transformed.state,
    now,
  );
  if (settled.abort !== undefined) return abort(settled.abort, run.state);
  const parsed = CompiledState.safeParse(transformed.state);
  if (!parsed.success) return abort(`Error validating state: ${parsed.error.message}`, run.state);
  const state = parsed.data;
  const runPatch = diffFlowRun(run, { ...transformed.run, empiricalPolicy: settled.policy });
  return { result: { status: outcome.status, state, details: outcome.details }, write: { state, runPatch } };
}

/** Call `after` on the rules whose transition happened and `cleanup` on those that fizzled. */
function settle(
  outcome: PolicyOutcome,
  run: FlowRunSnapshot,
  final: State,
  now: Date,
): { policy: FlowRunPolicy; abort?: undefined } | { policy?: undefined; abort: string } {
  let policy = outcome.policy;
  const written = outcome.proposed !== null;
  for (const { rule, saw } of [...outcome.entered].reverse()) {
    const fizzled = !written || final.type !== saw.type;
    const hook = fizzled ? rule.cleanup : rule.after;
    if (!hook) continue;
    let effect: RuleEffect | undefined;
    try {
      effect = hook.call(rule, { run, initial: run.state, proposed: final, policy, now });
    } catch (error) {
      return { abort: ruleErrorReason(rule, error) };
    }
    if (effect?.policy) policy = { ...policy, ...effect.policy };
  }
  return { policy };
}

function unchanged(outcome: PolicyOutcome, current: State | null): OrchestrationOutput {
  return { result: { status: outcome.status, state: current, details: outcome.details }, write: null };
}

function abort(reason: string, current: State | null): OrchestrationOutput {
  return {
    result: { status: 'ABORT', state: current, details: { type: 'abort_details', reason } },
    write: null,
  };
}
