import type { FlowRun } from '@weft/schemas';
import { describe, expectTypeOf, it } from 'vitest';
import { createWeftClient } from './create-weft-client';
import {
  type DeploymentParameters,
  type DeploymentRun,
  runDeployment,
  type TypedDeployment,
} from './run-deployment';

const client = createWeftClient({ url: 'http://127.0.0.1:4200' });

// What `typeof etl` looks like to the client: an engine flow carries `~types` (type-only).
type Etl = TypedDeployment<{ day: string; limit?: number }, { rows: number }>;
type Optional = TypedDeployment<{ verbose?: boolean } | undefined, string>;

describe('runDeployment is typed by the flow', () => {
  it('checks parameters against the flow type given', () => {
    void runDeployment<Etl>(client, 'etl/nightly', { day: '2026-01-01' });
    void runDeployment<Etl>(client, 'etl/nightly', { day: '2026-01-01', limit: 5 }, { timeoutSeconds: 0 });
    // @ts-expect-error day must be a string
    void runDeployment<Etl>(client, 'etl/nightly', { day: 1 });
    // @ts-expect-error an unknown parameter
    void runDeployment<Etl>(client, 'etl/nightly', { day: 'x', nope: true });
    // @ts-expect-error day is required, so parameters are too
    void runDeployment<Etl>(client, 'etl/nightly');
  });

  it('lets optional parameters be left out, and takes anything without a type', () => {
    void runDeployment<Optional>(client, 'report/daily');
    void runDeployment(client, 'anything/goes', { whatever: [1, 2] });
    void runDeployment(client, 'anything/goes');
  });

  it('returns a FlowRun carrying the result type', () => {
    expectTypeOf(runDeployment<Etl>(client, 'etl/nightly', { day: 'x' })).resolves.toEqualTypeOf<
      DeploymentRun<{ rows: number }>
    >();
    expectTypeOf<DeploymentRun<number>>().toMatchTypeOf<FlowRun>();
    expectTypeOf<DeploymentParameters<Etl>>().toEqualTypeOf<{ day: string; limit?: number }>();
    expectTypeOf<DeploymentParameters<string>>().toEqualTypeOf<Record<string, unknown>>();
  });
});
