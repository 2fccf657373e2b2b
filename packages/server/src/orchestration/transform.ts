import type { FlowRunPolicy, State } from '@weft/schemas';

/** The run fields every global transform may read or change (flow and task runs share them). */
export interface TransformableRun {
  id: string;
  runCount: number;
  startTime: Date | null;
  endTime: Date | null;
  totalRunTime: number;
  expectedStartTime: Date | null;
}

/** A flow run as the flow-only transforms see it. */
export interface TransformableFlowRun extends TransformableRun {
  parentTaskRunId: string | null;
  nextScheduledStartTime: Date | null;
  empiricalPolicy: FlowRunPolicy;
}

/** What a transform sees: the current state, the state about to be written, the run so far. */
export interface TransformContext<TRun extends TransformableRun> {
  readonly initial: State | null;
  readonly state: State;
  readonly run: TRun;
}

/** A transform's changes: to the state to be written and/or to the run. */
export interface TransformResult<TRun extends TransformableRun> {
  state?: Partial<State>;
  run?: Partial<TRun>;
}

/**
 * A global transform (reference §2.3): bookkeeping that runs on every written state, whatever the
 * policy, after the policy settled which state is written.
 */
export interface RunTransform<TRun extends TransformableRun> {
  readonly name: string;
  apply(ctx: TransformContext<TRun>): TransformResult<TRun> | undefined;
}

/**
 * Run transforms in order, each seeing the previous ones' changes. `start`'s objects are never
 * changed: the state and the run are each copied once, at their first change, and later changes
 * are assigned onto those copies (a state goes through six transforms per task run state written,
 * tens of thousands a second in a batch: a copy per change was most of their cost).
 */
export function applyTransforms<TRun extends TransformableRun>(
  transforms: readonly RunTransform<TRun>[],
  initial: State | null,
  start: { state: State; run: TRun },
): { state: State; run: TRun } {
  const ctx = { initial, state: start.state, run: start.run };
  for (const transform of transforms) {
    const result = transform.apply(ctx);
    if (!result) continue;
    if (result.state) {
      if (ctx.state === start.state) ctx.state = { ...start.state };
      Object.assign(ctx.state, result.state);
    }
    if (result.run) {
      if (ctx.run === start.run) ctx.run = { ...start.run };
      Object.assign(ctx.run, result.run);
    }
  }
  return { state: ctx.state, run: ctx.run };
}
