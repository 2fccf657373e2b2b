import type { FlowRunPolicy, OrchestrationDetails, OrchestrationStatus, State } from '@weft/schemas';
import type { OrchestrationRule, RuleContext, RuleDecision } from './rule';
import type { FlowRunSnapshot } from './run-snapshots';

/** Where the policy's `before` phase left a transition. */
export interface PolicyOutcome {
  status: OrchestrationStatus;
  details: OrchestrationDetails;
  /** The state to write, or null when nothing is written (WAIT, ABORT, REJECT to the current state). */
  proposed: State | null;
  /** The run's empirical policy with the rules' changes. */
  policy: FlowRunPolicy;
  /** The rules that took part, in order, each with the proposal it saw. */
  entered: { rule: OrchestrationRule; saw: State }[];
}

/** Format the reason for an error thrown inside a rule. */
export function ruleErrorReason(rule: OrchestrationRule, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `Aborting orchestration due to error in ${rule.name}: ${message}`;
}

/**
 * Run the `before` hooks of a policy's rules in order. A rule takes part if the intended FROM × TO
 * transition is in its sets and the proposal still has the intended type (a rule that rejected
 * with a state of another type, waited or aborted ends the chain for the rules after it).
 */
export function runPolicy(input: {
  run: FlowRunSnapshot;
  proposed: State;
  now: Date;
  rules: readonly OrchestrationRule[];
}): PolicyOutcome {
  const { run, now } = input;
  const initial = run.state;
  const from = initial?.type ?? null;
  const to = input.proposed.type;
  const out: PolicyOutcome = {
    status: 'ACCEPT',
    details: { type: 'accept_details' },
    proposed: input.proposed,
    policy: run.empiricalPolicy,
    entered: [],
  };
  for (const rule of input.rules) {
    const proposed = out.proposed;
    if (proposed === null || proposed.type !== to) break;
    if (!rule.fromStates.includes(from) || !rule.toStates.includes(to)) continue;
    out.entered.push({ rule, saw: proposed });
    const ctx: RuleContext = { run, initial, proposed, policy: out.policy, now };
    let decision: RuleDecision | undefined;
    try {
      decision = rule.before(ctx);
    } catch (error) {
      decision = { type: 'abort', reason: ruleErrorReason(rule, error) };
    }
    if (decision) applyDecision(out, proposed, decision);
  }
  return out;
}

function applyDecision(out: PolicyOutcome, proposed: State, decision: RuleDecision): void {
  switch (decision.type) {
    case 'reject':
      out.status = 'REJECT';
      out.details = { type: 'reject_details', reason: decision.reason };
      out.proposed = decision.state;
      out.policy = { ...out.policy, ...decision.policy };
      return;
    case 'wait':
      out.status = 'WAIT';
      out.details = { type: 'wait_details', delaySeconds: decision.delaySeconds, reason: decision.reason };
      out.proposed = null;
      return;
    case 'abort':
      out.status = 'ABORT';
      out.details = { type: 'abort_details', reason: decision.reason };
      out.proposed = null;
      return;
    case 'rename':
      out.proposed = { ...proposed, name: decision.name };
      return;
    case 'amend':
      out.proposed = { ...proposed, stateDetails: { ...proposed.stateDetails, ...decision.stateDetails } };
      out.policy = { ...out.policy, ...decision.policy };
      return;
  }
}
