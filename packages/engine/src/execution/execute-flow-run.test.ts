import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConfigError } from '../errors';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { executeFlowRun } from './execute-flow-run';

const FIXTURES = fileURLToPath(new URL('../workers/__fixtures__/', import.meta.url));

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
});
afterAll(() => t?.close());

async function deploymentRun(options: {
  name: string;
  entrypoint: string;
  path?: string;
  pullSteps?: unknown[];
  parameters?: Record<string, number>;
}) {
  const deployment = await t.client.deployments.create.mutate({
    flowName: options.entrypoint.split(':')[1] === 'sleepy' ? 'sleepy' : 'sum-doubled',
    name: options.name,
    entrypoint: options.entrypoint,
    path: options.path ?? FIXTURES,
    ...(options.pullSteps ? { pullSteps: options.pullSteps as never } : {}),
    parameters: options.parameters ?? { a: 1, b: 2 },
  });
  const run = await t.client.deployments.createFlowRun.mutate({ deployment: { id: deployment.id } });
  return { deployment, run };
}

describe('executeFlowRun', () => {
  it("loads the deployment's entrypoint from its path and runs the flow as the run", async () => {
    const { deployment, run } = await deploymentRun({
      name: 'from-path',
      entrypoint: 'worker-flows.ts:sumDoubled',
      parameters: { a: 3, b: 4 },
    });
    const outcome = await executeFlowRun(run.id);
    expect(outcome.flowRunId).toBe(run.id);
    expect(outcome.state.type).toBe('COMPLETED');
    expect(await outcome.result()).toMatchObject({ total: 14, deployment: 'from-path' });
    const after = await t.client.flowRuns.read.query({ id: run.id });
    expect(after).toMatchObject({ stateType: 'COMPLETED', deploymentId: deployment.id, runCount: 1 });
    expect((await t.taskRunsOf(run.id)).map((r) => r.stateType)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('runs the pull steps first and loads the entrypoint from where they leave off', async () => {
    const { run } = await deploymentRun({
      name: 'with-pull-steps',
      entrypoint: 'pulled-flows.ts:pulled',
      pullSteps: [{ setWorkingDirectory: { directory: 'pulled' } }],
    });
    const outcome = await executeFlowRun(run.id, { log: () => undefined });
    expect(await outcome.result()).toEqual({ total: 102 });
  });

  it('leaves the run Crashed with the reason when the entrypoint names no flow', async () => {
    const { run } = await deploymentRun({ name: 'bad-export', entrypoint: 'worker-flows.ts:nothingHere' });
    await expect(executeFlowRun(run.id)).rejects.toThrow(
      /has no flow exported as 'nothingHere' \(flows exported: sumDoubled, sleepy\)/,
    );
    const after = await t.client.flowRuns.read.query({ id: run.id });
    expect(after.stateType).toBe('CRASHED');
    expect(after.state?.message).toMatch(/^Flow could not be retrieved from deployment: .*nothingHere/);
  });

  it('leaves the run Crashed when the entrypoint file is missing', async () => {
    const { run } = await deploymentRun({ name: 'missing-file', entrypoint: 'nope.ts:flow' });
    await expect(executeFlowRun(run.id)).rejects.toThrow(EngineConfigError);
    expect((await t.client.flowRuns.read.query({ id: run.id })).state?.message).toMatch(
      /nope\.ts does not exist/,
    );
  });

  it('refuses a run without a deployment', async () => {
    const created = await t.client.flows.create.mutate({ name: 'no-deployment' });
    const run = await t.client.flowRuns.create.mutate({ flowId: created.id });
    await expect(executeFlowRun(run.id)).rejects.toThrow(/has no deployment/);
  });
});
