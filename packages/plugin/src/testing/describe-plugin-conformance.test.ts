import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURES = fileURLToPath(new URL('./__fixtures__', import.meta.url));
const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

interface Report {
  testResults: {
    name: string;
    assertionResults: { status: string; title: string; ancestorTitles: string[] }[];
  }[];
}

/** Runs the suite in a child vitest on the fixture plugins, the way a plugin's own tests run it. */
function runFixtures(outputFile: string): Promise<Report> {
  // The child must not think it is a worker of this run.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_OPTIONS$)/.test(key)),
  );
  const args = [
    VITEST,
    'run',
    '--config',
    'vitest.config.ts',
    '--reporter=json',
    `--outputFile=${outputFile}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: FIXTURES, env, timeout: 60_000 }, (error) => {
      try {
        resolve(JSON.parse(readFileSync(outputFile, 'utf8')) as Report);
      } catch (cause) {
        reject(new Error(`the child vitest wrote no report: ${String(error ?? cause)}`, { cause }));
      }
    });
  });
}

let work = '';
let report: Report;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'weft-conformance-'));
  report = await runFixtures(join(work, 'report.json'));
}, 90_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `'<describe> > <test>': status` for the tests of one fixture file. */
function outcomes(file: string): Record<string, string> {
  const result = report.testResults.find((entry) => entry.name.endsWith(file));
  if (!result) throw new Error(`no results for ${file}`);
  return Object.fromEntries(
    result.assertionResults.map((test) => [
      [...test.ancestorTitles.slice(1), test.title].join(' > '),
      test.status,
    ]),
  );
}

describe('describePluginConformance', () => {
  it('passes every check of a well-made plugin', () => {
    const results = outcomes('good-plugin.conformance.ts');
    expect(Object.keys(results)).toHaveLength(8);
    expect(new Set(Object.values(results))).toEqual(new Set(['passed']));
  });

  it('fails each check on the flaw it is about', () => {
    expect(outcomes('broken-plugin.conformance.ts')).toEqual({
      'has a kebab-case id and a version': 'failed',
      'registers without conflicts': 'failed',
      'names every task in kebab-case and gives it a function': 'failed',
      'block type "Bad Slug" > has a kebab-case slug, a name and kebab-case capabilities': 'failed',
      'block type "Bad Slug" > round-trips its schema through JSON Schema': 'passed',
      'block type "Bad Slug" > accepts its example under both schemas': 'failed',
      'block type "Bad Slug" > declares secrets that are fields of the schema': 'failed',
      'block type "Bad Slug" > describes itself to the server with a stable sha256 checksum': 'passed',
      'block type "dated" > has a kebab-case slug, a name and kebab-case capabilities': 'passed',
      'block type "dated" > round-trips its schema through JSON Schema': 'failed',
      'block type "dated" > accepts its example under both schemas': 'skipped',
      'block type "dated" > declares secrets that are fields of the schema': 'failed',
      'block type "dated" > describes itself to the server with a stable sha256 checksum': 'passed',
    });
  });
});
