import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flow } from '../flows/flow';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { variables } from './variables';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
});
afterAll(() => t?.close());

describe('variables', () => {
  it('gets the default for a missing variable, then the value once set', async () => {
    expect(await variables.get('region')).toBeUndefined();
    expect(await variables.get('region', 'eu-west-1')).toBe('eu-west-1');
    await variables.set('region', { name: 'us-east-1', zones: [1, 2] }, { tags: ['cloud'] });
    expect(await variables.get('region', 'eu-west-1')).toEqual({ name: 'us-east-1', zones: [1, 2] });
    expect((await t.client.variables.read.query({ name: 'region' })).tags).toEqual(['cloud']);
  });

  it('refuses to replace an existing variable unless overwrite, which keeps the tags', async () => {
    await variables.set('mode', 'a', { tags: ['keep'] });
    await expect(variables.set('mode', 'b')).rejects.toThrow(/already exists/);
    expect(await variables.get('mode')).toBe('a');
    const replaced = await variables.set('mode', 'b', { overwrite: true });
    expect(replaced).toMatchObject({ value: 'b', tags: ['keep'] });
  });

  it('rejects a bad name or a too large value with the field named, writing nothing', async () => {
    await expect(variables.set('Bad Name', 1)).rejects.toThrow(/name: /);
    await expect(variables.set('huge', 'x'.repeat(6000))).rejects.toThrow(/value: /);
    expect(await variables.get('huge', 'none')).toBe('none');
  });

  it('is read and written from inside a flow through the run session', async () => {
    await variables.set('threshold', 10);
    const check = flow({ name: 'variables-flow' }, async () => {
      const threshold = (await variables.get('threshold', 0)) as number;
      await variables.set('threshold', threshold + 1, { overwrite: true });
      return threshold;
    });
    expect(await check()).toBe(10);
    expect(await variables.get('threshold')).toBe(11);
  });

  it('unsets: true when deleted, false when there was none', async () => {
    await variables.set('temp', true);
    expect(await variables.unset('temp')).toBe(true);
    expect(await variables.unset('temp')).toBe(false);
    expect(await variables.get('temp')).toBeUndefined();
  });
});
