import type { FlowRunPolicy, State, StateDetails, StateType } from '@weft/schemas';
import { STATE_TYPES } from '@weft/schemas';
import type { FlowRunSnapshot } from './run-snapshots';

/** A state type a rule can start from; `null` means the run has no state yet. */
export type FromStateType = StateType | null;

/** Every state type plus "no state": the widest FROM set. */
export const ALL_FROM_STATES: readonly FromStateType[] = [...STATE_TYPES, null];

/** Every state type: the widest TO set. */
export const ALL_TO_STATES: readonly StateType[] = STATE_TYPES;

/** What a rule sees. Read-only: a rule changes things only through the decision it returns. */
export interface RuleContext {
  /** The run as it was before this transition. */
  readonly run: FlowRunSnapshot;
  /** The current state (the FROM side), or null. */
  readonly initial: State | null;
  /** The proposal as earlier rules left it; in `after`/`cleanup`, the state about to be written. */
  readonly proposed: State;
  /** The run's empirical policy with the changes earlier rules made. */
  readonly policy: FlowRunPolicy;
  /** The orchestration clock. */
  readonly now: Date;
}

/**
 * What a rule decides before the transition. `reject` with a state replaces the proposal (status
 * REJECT); with `state: null` the current state is returned and nothing is written. `wait` and
 * `abort` write nothing. `rename` only changes the proposal's name. `amend` merges state details
 * into the proposal and/or changes the run's policy, keeping the status.
 */
export type RuleDecision =
  | { type: 'reject'; state: State | null; reason: string; policy?: Partial<FlowRunPolicy> }
  | { type: 'wait'; delaySeconds: number; reason: string }
  | { type: 'abort'; reason: string }
  | { type: 'rename'; name: string }
  | { type: 'amend'; stateDetails?: Partial<StateDetails>; policy?: Partial<FlowRunPolicy> };

/** A change a rule makes once the transition is settled: written in the same transaction. */
export interface RuleEffect {
  policy?: Partial<FlowRunPolicy>;
}

/**
 * An orchestration rule (style G2): a small object keyed by FROM × TO state types. The engine
 * calls `before` when the intended transition matches; `after` if the state it saw is the one
 * written; `cleanup` if it "fizzled" (a later rule changed the proposed type, or nothing is
 * written). Expected outcomes are return values; a throw aborts orchestration.
 */
export interface OrchestrationRule {
  readonly name: string;
  readonly fromStates: readonly FromStateType[];
  readonly toStates: readonly StateType[];
  before(ctx: RuleContext): RuleDecision | undefined;
  after?(ctx: RuleContext): RuleEffect | undefined;
  cleanup?(ctx: RuleContext): RuleEffect | undefined;
}

/** Declare a rule; an identity function that checks the shape. */
export function defineRule(rule: OrchestrationRule): OrchestrationRule {
  return rule;
}
