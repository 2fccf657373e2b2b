import { TRPCError } from '@trpc/server';
import { uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowRunDirectProcedures } from '../domains/flow-runs/flow-run-router';
import { appRouter } from '../router';
import { createTestServer, type TestServer } from '../testing/create-test-server';
import { createTestClock } from '../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;

beforeAll(async () => {
  // A still clock: a Running run's estimated run time is the same when read again.
  t = await createTestServer({ clock: createTestClock() });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'direct-calls' })).id;
});
afterAll(() => t.close());

function direct(path: string) {
  const call = t.server.directCall(path);
  if (!call) throw new Error(`no direct form of ${path}`);
  return call;
}

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('a direct call', () => {
  it('is built from the schemas its tRPC procedure validates with', () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { inputs: unknown[]; output?: unknown } }
    >;
    for (const [path, procedure] of Object.entries(flowRunDirectProcedures)) {
      expect(procedures[path]?._def.inputs).toEqual([procedure.input]);
      expect(procedures[path]?._def.output).toBe(procedure.output);
    }
    expect(t.server.directCall('flows.create')).toBeUndefined();
  });

  it('answers what the tRPC procedure answers', async () => {
    const id = uuid7();
    const created = await direct('flowRuns.create')({ flowId, id, state: { type: 'RUNNING' } });
    expect(created).toEqual(await api.flowRuns.read({ id }));
    const result = await direct('flowRuns.setState')({ id, state: { type: 'COMPLETED' } });
    expect(result).toMatchObject({ status: 'ACCEPT', state: { type: 'COMPLETED' } });
    expect((await api.flowRuns.read({ id })).stateType).toBe('COMPLETED');
    // A repeated final state is rejected by the same policy.
    const again = await direct('flowRuns.setState')({ id, state: { type: 'COMPLETED' } });
    const throughTrpc = await api.flowRuns.setState({ id, state: { type: 'COMPLETED' } });
    expect(again).toMatchObject({ status: throughTrpc.status, details: throughTrpc.details });
  });

  it('answers a bad input with the BAD_REQUEST tRPC gives, naming the field', async () => {
    const input = { flowId, parameters: 'not an object' };
    const viaDirect = await failure(direct('flowRuns.create')(input));
    const viaTrpc = await failure(api.flowRuns.create(input as never));
    expect(viaDirect.code).toBe('BAD_REQUEST');
    expect(viaDirect.message).toBe(viaTrpc.message);
    expect(viaDirect.message).toContain('parameters');
    expect(viaDirect.cause?.constructor).toBe(viaTrpc.cause?.constructor);
  });

  it('answers a missing object with the NOT_FOUND tRPC gives', async () => {
    const input = { id: uuid7(), state: { type: 'COMPLETED' } } as const;
    const viaDirect = await failure(direct('flowRuns.setState')(input));
    const viaTrpc = await failure(api.flowRuns.setState(input));
    expect(viaDirect.code).toBe('NOT_FOUND');
    expect({ code: viaDirect.code, message: viaDirect.message }).toEqual({
      code: viaTrpc.code,
      message: viaTrpc.message,
    });
  });
});
