import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every ```ts block of the READMEs must type-check against the workspace's sources, so the examples
// people copy never drift from the API (style.md G12).
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'test/.tmp/readme-examples');

function readmes(): string[] {
  const found = ['README.md'];
  for (const dir of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, dir))) {
      const path = join(dir, name, 'README.md');
      try {
        readFileSync(join(root, path));
        found.push(path);
      } catch {
        // A folder without a README has no examples to check.
      }
    }
  }
  return found;
}

function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('README examples', () => {
  it('type-check against the workspace packages', () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const files: string[] = [];
    for (const readme of readmes()) {
      tsBlocks(readFileSync(join(root, readme), 'utf8')).forEach((code, i) => {
        const file = `${readme.replace(/[/.]/g, '_')}_${i}.ts`;
        // `export {}` keeps each example a module, so top-level await and names stay per file.
        writeFileSync(join(outDir, file), `${code}\nexport {};\n`);
        files.push(file);
      });
    }
    expect(files.length).toBeGreaterThanOrEqual(4);
    writeFileSync(
      join(outDir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tooling/tsconfig/base.json',
        compilerOptions: { noUnusedLocals: false },
        include: ['*.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(outDir, 'tsconfig.json')],
        {
          cwd: join(root, 'test'),
          encoding: 'utf8',
        },
      );
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 120_000);
});
