import type { FlowRun } from '@weft/schemas';
import { describe, expectTypeOf, it } from 'vitest';
import type { RouterInputs, RouterOutputs, WeftClient } from './create-weft-client';
import { createWeftClient } from './create-weft-client';

const client = createWeftClient({ url: 'http://127.0.0.1:4200' });

describe('the client is typed by the AppRouter', () => {
  it('returns a FlowRun with Date fields from flowRuns.read', () => {
    expectTypeOf(client.flowRuns.read.query).returns.resolves.toEqualTypeOf<FlowRun>();
    expectTypeOf<
      Awaited<ReturnType<WeftClient['flowRuns']['read']['query']>>['createdAt']
    >().toEqualTypeOf<Date>();
    expectTypeOf<RouterOutputs['flowRuns']['read']['startTime']>().toEqualTypeOf<Date | null>();
  });

  it('types inputs from the schemas', () => {
    expectTypeOf(client.flowRuns.read.query).parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf<RouterInputs['flows']['create']>().toHaveProperty('name');
    // @ts-expect-error an id is required
    void client.flowRuns.read.query({});
  });

  it('types subscriptions', () => {
    client.flowRuns.watch.subscribe(
      { id: 'x' },
      {
        onData: (run) => {
          expectTypeOf(run).toEqualTypeOf<FlowRun>();
        },
      },
    );
  });
});
