import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../blocks/builtin-blocks';
import { saveBlock } from '../../blocks/load-block';
import { startTestEngine, type TestEngine } from '../../testing/test-engine';
import { variables } from '../../variables/variables';
import { PullStepError } from '../deployment-errors';
import { runPullSteps } from './run-pull-steps';

// Pull steps read credentials and settings from blocks and variables on the worker at run time,
// like Prefect's `{{ prefect.blocks.… }}` / `{{ prefect.variables.… }}`.
let t: TestEngine;
let dir: string;
const TOKEN = 'ghp-pull-step-secret-93af';

beforeAll(async () => {
  t = await startTestEngine({ listen: true });
  dir = await mkdtemp(join(tmpdir(), 'weft-pull-server-'));
  await Secret.save('git-token', TOKEN);
  await saveBlock('json', 'git-settings', { value: { user: 'deploy-bot', depth: 1 } });
  await variables.set('greeting', 'hello from a variable');
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const lines: string[] = [];
const run = (steps: unknown[]) => runPullSteps(steps, { cwd: dir, log: (line) => lines.push(line) });

describe('pull step templates from the server', () => {
  it('fills {{ weft.blocks.… }} and {{ weft.variables.… }} at run time, and never logs a block secret', async () => {
    const { outputs } = await run([
      {
        runShellScript: {
          id: 'secret',
          script: 'printf "%s" "$TOKEN" | wc -c; echo "$TOKEN"',
          env: { TOKEN: '{{ weft.blocks.secret.git-token }}' },
        },
      },
      {
        runShellScript: {
          id: 'settings',
          script: 'echo "{{ weft.blocks.json.git-settings.user }} {{ weft.variables.greeting }}"',
        },
      },
    ]);
    expect(outputs.secret?.stdout).toContain(String(TOKEN.length));
    expect(outputs.settings?.stdout).toBe('deploy-bot hello from a variable');
    // The script printed the token; the streamed lines show it masked.
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('fails the step naming the placeholder when a block, field or variable is missing', async () => {
    const failure = (script: string) =>
      run([{ runShellScript: { script } }]).then(
        () => undefined,
        (error: unknown) => error,
      );
    const missingBlock = await failure('echo {{ weft.blocks.secret.nope }}');
    expect(missingBlock).toBeInstanceOf(PullStepError);
    expect(String(missingBlock)).toMatch(/secret\/nope/);
    const missingField = await failure('echo {{ weft.blocks.json.git-settings.password }}');
    expect(String(missingField)).toMatch(/no field 'password'/);
    const missingVariable = await failure('echo {{ weft.variables.unknown-var }}');
    expect(String(missingVariable)).toMatch(/no variable 'unknown-var'/);
    const unknownKind = await failure('echo {{ weft.deployments.x }}');
    expect(String(unknownKind)).toMatch(/weft\.variables\.<name> or weft\.blocks/);
    for (const error of [missingBlock, missingField, missingVariable, unknownKind]) {
      expect(String(error)).not.toContain(TOKEN);
    }
  });
});
