import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWeftClient, type WeftClient } from '@weft/client';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempHome } from '../test-helpers/cli-process';

let server: TestServer;
let client: WeftClient;
let home: Awaited<ReturnType<typeof tempHome>>;
let project: string;

const FLOWS = `import { flow } from '@weft/engine';
import { z } from 'zod';

export const etl = flow(
  { name: 'cli-deploy-etl', parameters: z.object({ day: z.string(), limit: z.number().default(5) }) },
  async ({ day, limit }) => \`\${day}:\${limit}\`,
);
export const other = flow('cli-deploy-other', async (n: number) => n);
`;

const YAML = `pull:
  - gitClone:
      repository: https://example.com/acme/flows.git
      accessToken: "{{ $GIT_TOKEN }}"
deployments:
  - name: nightly
    entrypoint: flows/etl.ts:etl
    description: Nightly load
    parameters: { limit: 10 }
    tags: ["{{ $TEAM }}", etl]
    workPool:
      name: local
      workQueueName: critical
      jobVariables: { env: { A: "1" } }
    schedules:
      - { cron: "0 2 * * *", timezone: Europe/Berlin, slug: nightly, parameters: { day: today } }
      - { interval: 3600, slug: hourly, active: false }
    concurrencyLimit: { limit: 1, collisionStrategy: CANCEL_NEW }
  - name: adhoc
    entrypoint: flows/etl.ts:other
    pull: []
`;

const weft = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { env: { WEFT_HOME: home.home, WEFT_API_URL: server.url, TEAM: 'data', ...env } });

beforeAll(async () => {
  home = await tempHome();
  server = await createTestServer({ listen: true });
  client = createWeftClient({ url: server.url! });
  await client.workPools.create.mutate({ name: 'local', type: 'process' });
  // Inside the repository, so the flows file resolves @weft/engine and zod like a user's project.
  project = await mkdtemp(join(REPO_ROOT, 'apps/cli/.weft-test-deploy-'));
  await mkdir(join(project, 'flows'));
  await writeFile(join(project, 'flows', 'etl.ts'), FLOWS);
  await writeFile(join(project, 'weft.yaml'), YAML);
});

afterAll(async () => {
  await server?.close();
  await home?.cleanup();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('weft deploy (subprocess, real server)', { timeout: 120_000 }, () => {
  it('deploys every deployment of weft.yaml with the flow parameter schema, then updates them', async () => {
    const file = join(project, 'weft.yaml');
    const result = await weft(['deploy', '--all', '--file', file, '--json']);
    expect(result.stderr).toContain('[1/2] Deploying nightly (flows/etl.ts:etl)');
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout) as {
      deployments: { name: string; status: string; id: string }[];
    };
    expect(outcome.deployments.map((d) => [d.name, d.status])).toEqual([
      ['cli-deploy-etl/nightly', 'created'],
      ['cli-deploy-other/adhoc', 'created'],
    ]);

    const nightly = await client.deployments.read.query({ name: 'cli-deploy-etl/nightly' });
    expect(nightly).toMatchObject({
      description: 'Nightly load',
      entrypoint: 'flows/etl.ts:etl',
      path: null,
      parameters: { limit: 10 },
      tags: ['data', 'etl'],
      workPoolName: 'local',
      workQueueName: 'critical',
      jobVariables: { env: { A: '1' } },
      concurrencyLimit: 1,
      concurrencyOptions: { collisionStrategy: 'CANCEL_NEW' },
      enforceParameterSchema: true,
      // Pull steps keep their templates: the token is read where the run happens.
      pullSteps: [
        { gitClone: { repository: 'https://example.com/acme/flows.git', accessToken: '{{ $GIT_TOKEN }}' } },
      ],
    });
    expect(nightly.parameterSchema).toMatchObject({
      required: ['day'],
      properties: { day: { type: 'string' } },
    });
    expect(nightly.schedules.map((s) => [s.slug, s.active, s.parameters])).toEqual(
      expect.arrayContaining([
        ['nightly', true, { day: 'today' }],
        ['hourly', false, {}],
      ]),
    );
    const adhoc = await client.deployments.read.query({ name: 'cli-deploy-other/adhoc' });
    expect(adhoc).toMatchObject({ workPoolName: null, path: project, pullSteps: [] });

    const again = await weft(['deploy', 'nightly', '--file', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `cli-deploy-etl/nightly updated (${nightly.id}): work pool 'local', 2 schedules`,
    );
    expect(again.stderr).toContain('Deployed 1 of 1.');
  });

  it('reports every problem of an invalid file with its path, and deploys nothing', async () => {
    const file = join(project, 'bad.yaml');
    await writeFile(
      file,
      `deployments:
  - name: ok
    entrypoint: flows/etl.ts:etl
  - name: broken
    entrypoint: flows/etl.ts
    schedules:
      - { cron: "", timezone: Mars/Base }
      - { interval: 60, rrule: "FREQ=DAILY" }
    workPool: { name: local, queue: x }
`,
    );
    const result = await weft(['deploy', '--all', '--file', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.yaml is invalid:');
    expect(result.stderr).toContain(
      'deployments[1].entrypoint: entrypoint must be "path/to/file.ts:exportName"',
    );
    expect(result.stderr).toMatch(/deployments\[1\]\.schedules\[0\]\.cron: .*/);
    expect(result.stderr).toMatch(
      /deployments\[1\]\.schedules\[0\]\.timezone: timezone must be an IANA time zone/,
    );
    expect(result.stderr).toContain(
      'deployments[1].schedules[1]: give exactly one of cron, interval or rrule (got interval and rrule)',
    );
    expect(result.stderr).toMatch(/deployments\[1\]\.workPool: .*queue/);
    expect(await client.deployments.count.query({})).toBe(2);
  });

  it('fails per deployment with the reason, names unset variables, and picks names', async () => {
    const file = join(project, 'weft.yaml');
    const unset = await runCli(['deploy', '--all', '--file', file], {
      env: { WEFT_HOME: home.home, WEFT_API_URL: server.url },
    });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('deployments[0].tags[0]: environment variable TEAM is not set');

    const several = await weft(['deploy', '--file', file]);
    expect(several.code).toBe(1);
    expect(several.stderr).toContain('The file has 2 deployments (nightly, adhoc); name some or pass --all.');

    const missing = join(project, 'missing-pool.yaml');
    await writeFile(
      missing,
      `deployments:
  - { name: lost, entrypoint: "flows/etl.ts:etl", workPool: { name: no-such-pool } }
  - { name: fine, entrypoint: "flows/etl.ts:other" }
  - { name: nowhere, entrypoint: "flows/nope.ts:x" }
`,
    );
    const partial = await weft(['deploy', '--all', '--file', missing, '--json']);
    expect(partial.code).toBe(1);
    const { deployments } = JSON.parse(partial.stdout) as {
      deployments: { name: string; status: string; error?: string }[];
    };
    expect(deployments.map((d) => d.status)).toEqual(['failed', 'created', 'failed']);
    expect(deployments[0]?.error).toMatch(/no-such-pool/);
    expect(deployments[2]?.error).toMatch(/File not found: .*nope\.ts/);
  });
});
