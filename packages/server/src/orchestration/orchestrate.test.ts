import { describe, expect, it } from 'vitest';
import { orchestrate } from './orchestrate';
import { toProposedState } from './proposed-state';
import { ALL_FROM_STATES, ALL_TO_STATES, defineRule, type OrchestrationRule } from './rule';
import { handleFlowTerminalStateTransitions } from './rules/handle-flow-terminal-state-transitions';
import { at, flowRunOf, policyOf, stateOf, summarize, titled, transitionThrough } from './test-fixtures';
import type { RunTransform, TransformableFlowRun } from './transform';

/** A rule that records its calls into `log` and returns `decision`. */
function spy(
  name: string,
  log: string[],
  decision?: ReturnType<OrchestrationRule['before']>,
): OrchestrationRule {
  return defineRule({
    name,
    fromStates: ALL_FROM_STATES,
    toStates: ALL_TO_STATES,
    before: () => {
      log.push(`before ${name}`);
      return decision;
    },
    after: () => {
      log.push(`after ${name}`);
      return undefined;
    },
    cleanup: () => {
      log.push(`cleanup ${name}`);
      return undefined;
    },
  });
}

const running = { from: stateOf('Pending'), to: { type: 'RUNNING' as const } };

describe('orchestrate', () => {
  it('runs before hooks in policy order, then after hooks in reverse', () => {
    const log: string[] = [];
    transitionThrough([spy('a', log), spy('b', log), spy('c', log)], running);
    expect(log).toEqual(['before a', 'before b', 'before c', 'after c', 'after b', 'after a']);
  });

  it('skips rules whose FROM or TO sets exclude the transition', () => {
    const log: string[] = [];
    const onlyFromScheduled = { ...spy('scheduled', log), fromStates: ['SCHEDULED' as const] };
    const onlyToFailed = { ...spy('failed', log), toStates: ['FAILED' as const] };
    const fromNothing = { ...spy('none', log), fromStates: [null] };
    transitionThrough([onlyFromScheduled, onlyToFailed, fromNothing, spy('all', log)], running);
    expect(log).toEqual(['before all', 'after all']);
  });

  it('keys "no current state" as null', () => {
    const log: string[] = [];
    transitionThrough([{ ...spy('none', log), fromStates: [null] }], { from: null, to: { type: 'PENDING' } });
    expect(log).toEqual(['before none', 'after none']);
  });

  it('stops the chain after a REJECT to another type, cleaning up the rules that fizzled', () => {
    const log: string[] = [];
    const out = transitionThrough(
      [
        spy('a', log),
        spy('b', log, { type: 'reject', state: stateOf('Crashed'), reason: 'no' }),
        spy('c', log),
      ],
      running,
    );
    expect(summarize(out)).toEqual({ status: 'REJECT', reason: 'no', written: 'Crashed' });
    expect(log).toEqual(['before a', 'before b', 'cleanup b', 'cleanup a']);
  });

  it('keeps running later rules after a REJECT to a state of the same type, which still win renames', () => {
    const log: string[] = [];
    const out = transitionThrough(
      [
        spy('a', log, { type: 'reject', state: stateOf('Retrying'), reason: 'same type' }),
        spy('b', log, { type: 'rename', name: 'Rerunning' }),
      ],
      running,
    );
    expect(summarize(out)).toEqual({ status: 'REJECT', reason: 'same type', written: 'Rerunning' });
    expect(log).toEqual(['before a', 'before b', 'after b', 'after a']);
  });

  it.each(
    titled([
      {
        title: 'WAIT',
        decision: { type: 'wait' as const, delaySeconds: 3, reason: 'later' },
        expected: { status: 'WAIT', reason: 'later', written: null, delaySeconds: 3 },
      },
      {
        title: 'ABORT',
        decision: { type: 'abort' as const, reason: 'stop' },
        expected: { status: 'ABORT', reason: 'stop', written: null },
      },
      {
        title: 'REJECT to the current state',
        decision: { type: 'reject' as const, state: null, reason: 'stay' },
        expected: { status: 'REJECT', reason: 'stay', written: null },
      },
    ]),
  )(
    'on %s writes nothing, returns the current state and cleans up every entered rule',
    (_title, { decision, expected }) => {
      const log: string[] = [];
      const out = transitionThrough([spy('a', log), spy('b', log, decision), spy('c', log)], running);
      expect(summarize(out)).toEqual(expected);
      expect(out.write).toBeNull();
      expect(out.result.state).toBe(running.from);
      expect(log).toEqual(['before a', 'before b', 'cleanup b', 'cleanup a']);
    },
  );

  it.each(
    titled([
      { title: 'before', hook: 'before' as const },
      { title: 'after', hook: 'after' as const },
    ]),
  )('aborts when a rule throws in %s, naming the rule', (_title, { hook }) => {
    const boom = {
      ...spy('Boom', []),
      [hook]: () => {
        throw new Error('kaput');
      },
    };
    const out = transitionThrough([boom], running);
    expect(summarize(out)).toEqual({
      status: 'ABORT',
      reason: 'Aborting orchestration due to error in Boom: kaput',
      written: null,
    });
    expect(out.result.state).toBe(running.from);
  });

  it('applies amend decisions to the proposal details and the run policy', () => {
    const amend = spy('amend', [], {
      type: 'amend',
      stateDetails: { pauseKey: 'k' },
      policy: { retries: 4 },
    });
    const out = transitionThrough([amend], running);
    expect(out.result.status).toBe('ACCEPT');
    expect(out.write?.state.stateDetails.pauseKey).toBe('k');
    expect(out.write?.runPatch.empiricalPolicy).toEqual(policyOf({ retries: 4 }));
  });

  it('lets a rule see the policy changes of the rules before it and merges after-effects', () => {
    const seen: unknown[] = [];
    const first = spy('first', [], { type: 'amend', policy: { retries: 1 } });
    const second = defineRule({
      name: 'second',
      fromStates: ALL_FROM_STATES,
      toStates: ALL_TO_STATES,
      before: ({ policy }) => void seen.push(policy.retries),
      after: () => ({ policy: { pauseKeys: ['after'] } }),
    });
    const out = transitionThrough([first, second], running);
    expect(seen).toEqual([1]);
    expect(out.write?.runPatch.empiricalPolicy).toEqual(policyOf({ retries: 1, pauseKeys: ['after'] }));
  });

  it("restores HandleFlowTerminalStateTransitions' policy reset when a later rule changes the type", () => {
    const policy = policyOf({ pauseKeys: ['k'], resuming: true, retryType: 'in_process' });
    const toScheduled = spy('toScheduled', [], {
      type: 'reject',
      state: stateOf('AwaitingRetry', { scheduledTime: at(9) }),
      reason: 'later',
    });
    const out = transitionThrough([handleFlowTerminalStateTransitions, toScheduled], {
      from: stateOf('Failed'),
      to: { type: 'RUNNING' },
      run: { empiricalPolicy: policy },
    });
    expect(summarize(out)).toEqual({ status: 'REJECT', reason: 'later', written: 'AwaitingRetry' });
    expect(out.write?.runPatch.empiricalPolicy).toBeUndefined();
  });

  it('runs the global transforms on the state that is written, after the policy and before after hooks', () => {
    const log: string[] = [];
    const transform: RunTransform<TransformableFlowRun> = {
      name: 'record',
      apply: ({ state }) => {
        log.push(`transform ${state.name}`);
        return { run: { runCount: 7 } };
      },
    };
    const now = at(0);
    const out = orchestrate({
      run: flowRunOf({ state: running.from }),
      proposed: toProposedState(running.to, now),
      now,
      rules: [spy('a', log, { type: 'rename', name: 'Renamed' })],
      transforms: [transform],
    });
    expect(log).toEqual(['before a', 'transform Renamed', 'after a']);
    expect(out.write?.runPatch).toEqual({ runCount: 7 });
  });
});
