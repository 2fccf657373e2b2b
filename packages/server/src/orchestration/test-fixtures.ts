import type { FlowRunPolicy, State, StateCreate, StateName } from '@weft/schemas';
import { namedState } from '@weft/schemas';
import { type OrchestrationOutput, orchestrate } from './orchestrate';
import { toProposedState } from './proposed-state';
import type { OrchestrationRule } from './rule';
import type { FlowRunSnapshot, TaskRunSnapshot } from './run-snapshots';
import type { RunTransform, TransformableFlowRun, TransformResult } from './transform';

/**
 * Builders for orchestration tests.
 * @internal
 */
export const T0 = new Date('2026-01-10T12:00:00.000Z');

/** A date `seconds` after {@link T0} (negative: before). @internal */
export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

/** A flow run policy with Prefect's defaults and overrides. @internal */
export function policyOf(overrides: Partial<FlowRunPolicy> = {}): FlowRunPolicy {
  return {
    retries: null,
    retryDelaySeconds: null,
    resuming: false,
    pauseKeys: [],
    retryType: null,
    ...overrides,
  };
}

/** A flow run snapshot with no state and overrides. @internal */
export function flowRunOf(overrides: Partial<FlowRunSnapshot> = {}): FlowRunSnapshot {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    runCount: 0,
    deploymentId: null,
    parentTaskRunId: null,
    infrastructurePid: null,
    empiricalPolicy: policyOf(),
    startTime: null,
    endTime: null,
    totalRunTime: 0,
    expectedStartTime: null,
    nextScheduledStartTime: null,
    state: null,
    ...overrides,
  };
}

/** A task run snapshot with no state and overrides. @internal */
export function taskRunOf(overrides: Partial<TaskRunSnapshot> = {}): TaskRunSnapshot {
  return {
    id: '01900000-0000-7000-8000-000000000002',
    flowRunId: '01900000-0000-7000-8000-000000000001',
    runCount: 0,
    startTime: null,
    endTime: null,
    totalRunTime: 0,
    expectedStartTime: null,
    state: null,
    ...overrides,
  };
}

/** A state by name, stamped at `seconds` after T0 unless told otherwise. @internal */
export function stateOf(
  name: StateName,
  options: Parameters<typeof namedState>[1] & { at?: number } = {},
): State {
  const { at: seconds = 0, ...rest } = options;
  return namedState(name, { timestamp: at(seconds), ...rest });
}

/** A transition through the given rules only, without global transforms. @internal */
export function transitionThrough(
  rules: readonly OrchestrationRule[],
  options: { from: State | null; to: StateCreate; run?: Partial<FlowRunSnapshot>; now?: Date },
): OrchestrationOutput {
  const now = options.now ?? at(0);
  const run = flowRunOf({ ...options.run, state: options.from });
  return orchestrate({ run, proposed: toProposedState(options.to, now), now, rules, transforms: [] });
}

/** The parts of an orchestration outcome a rule table asserts on. @internal */
export function summarize(output: OrchestrationOutput): {
  status: string;
  reason: string | null;
  written: string | null;
  delaySeconds?: number;
} {
  const { details } = output.result;
  const reason = details.type === 'accept_details' ? null : details.reason;
  const summary = { status: output.result.status, reason, written: output.write?.state.name ?? null };
  return details.type === 'wait_details' ? { ...summary, delaySeconds: details.delaySeconds } : summary;
}

/**
 * Rows for `it.each(...)('%s', (title, row) => …)`: vitest quotes and truncates `$title` at 40
 * characters, which would cut the behavioural titles short. @internal
 */
export function titled<T extends { title: string }>(rows: readonly T[]): [string, T][] {
  return rows.map((row) => [row.title, row]);
}

/** Apply one transform to a flow run whose current state is `initial`; returns its changes. @internal */
export function applyTransform(
  transform: RunTransform<TransformableFlowRun>,
  initial: State | null,
  state: State,
  run: Partial<TransformableFlowRun> = {},
): TransformResult<TransformableFlowRun> | undefined {
  return transform.apply({ initial, state, run: flowRunOf({ ...run, state: initial }) });
}
