import type { Variable } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { useCliApiTest } from '../test-helpers/cli-api-test';

// `weft variable` against a real server over HTTP.

const cli = useCliApiTest();
const { weft, json } = cli;

describe('weft variable', () => {
  it('sets JSON values and plain text, with tags', async () => {
    const set = await json<Variable>(['variable', 'set', 'limits', '{"max":3}', '--tag', 'a', '--tag', 'b']);
    expect(set).toMatchObject({ name: 'limits', value: { max: 3 }, tags: ['a', 'b'] });
    await weft(['variable', 'set', 'region', 'eu-west-1']);
    expect((await cli.client.variables.read.query({ name: 'region' })).value).toBe('eu-west-1');
    await weft(['variable', 'set', 'count', '7']);
    expect((await cli.client.variables.read.query({ name: 'count' })).value).toBe(7);
  });

  it('gets a value: text as is, anything else as JSON', async () => {
    expect((await weft(['variable', 'get', 'region'])).stdout).toBe('eu-west-1\n');
    expect((await weft(['variable', 'get', 'limits'])).stdout).toBe('{"max":3}\n');
    expect((await json<Variable>(['variable', 'get', 'limits'])).tags).toEqual(['a', 'b']);
  });

  it('refuses to replace without --overwrite, replaces with it', async () => {
    const refused = await weft(['variable', 'set', 'region', 'us-east-1']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("A variable with the name 'region' already exists");
    await weft(['variable', 'set', 'region', 'us-east-1', '--overwrite']);
    expect((await weft(['variable', 'get', 'region'])).stdout).toBe('us-east-1\n');
  });

  it('rejects a bad name naming the field, writing nothing', async () => {
    const r = await weft(['variable', 'set', 'Bad-Name', '1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/name: .*lowercase/);
    expect(await cli.client.variables.count.query({})).toBe(3);
  });

  it('lists (by tag) and unsets; a missing variable fails', async () => {
    const listed = await weft(['variable', 'ls']);
    expect(listed.stdout).toMatch(/NAME\s+VALUE/);
    expect(listed.stdout).toMatch(/limits\s+\{"max":3\}/);
    expect((await json<Variable[]>(['variable', 'ls', '--tag', 'b'])).map((v) => v.name)).toEqual(['limits']);
    expect((await weft(['variable', 'unset', 'count'])).stdout).toContain("Deleted variable 'count'");
    const again = await weft(['variable', 'unset', 'count']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/not found/i);
    expect((await weft(['variable', 'get', 'count'])).code).not.toBe(0);
  });
});
