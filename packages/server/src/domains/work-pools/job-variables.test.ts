import type { JsonObject } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors';
import {
  mergeJobVariables,
  renderJobConfiguration,
  validateBaseJobTemplate,
  validateJobVariables,
} from './job-variables';

const variables: JsonObject = {
  type: 'object',
  properties: {
    image: { type: 'string', default: 'node:20' },
    env: { type: 'object', additionalProperties: { type: 'string' }, default: { BASE: 'b' } },
    cpu: { type: 'integer', minimum: 1 },
    streamOutput: { type: 'boolean', default: true },
    url: { type: 'string', format: 'uri' },
    labels: { type: 'object', default: { team: 'a', tier: 'x' } },
  },
  required: ['image', 'cpu'],
};

function caught(fn: () => void): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('mergeJobVariables', () => {
  it('takes template defaults, then deployment, then run values', () => {
    const merged = mergeJobVariables({
      template: { variables },
      deployment: { image: 'node:22', cpu: 2 },
      run: { cpu: 4 },
    });
    expect(merged).toEqual({
      image: 'node:22',
      env: { BASE: 'b' },
      streamOutput: true,
      labels: { team: 'a', tier: 'x' },
      cpu: 4,
    });
  });

  it('deep-merges env objects across layers', () => {
    const merged = mergeJobVariables({
      template: { variables },
      deployment: { env: { A: '1', B: 'dep' } },
      run: { env: { B: 'run', C: '3' } },
    });
    expect(merged.env).toEqual({ BASE: 'b', A: '1', B: 'run', C: '3' });
  });

  it('nests dot-keys and keeps siblings, even outside env', () => {
    const merged = mergeJobVariables({
      template: { variables },
      deployment: { 'env.FOO': 'foo' },
      run: { 'labels.team': 'b', 'a.b.c': 1 },
    });
    expect(merged.env).toEqual({ BASE: 'b', FOO: 'foo' });
    expect(merged.labels).toEqual({ team: 'b', tier: 'x' });
    expect(merged.a).toEqual({ b: { c: 1 } });
  });

  it('replaces non-env objects wholesale and lets a run value win over a dot-key of the deployment', () => {
    const merged = mergeJobVariables({
      template: { variables },
      deployment: { labels: { only: 'me' }, 'env.X': 'dep' },
      run: { env: { X: 'run' } },
    });
    expect(merged.labels).toEqual({ only: 'me' });
    expect(merged.env).toEqual({ BASE: 'b', X: 'run' });
  });

  it('works with no template and no layers', () => {
    expect(mergeJobVariables({})).toEqual({});
    expect(mergeJobVariables({ template: { variables: {} }, run: { x: null } })).toEqual({ x: null });
  });
});

describe('validateJobVariables', () => {
  it('accepts valid partial variables without required fields at deployment level', () => {
    expect(() => validateJobVariables(variables, { image: 'x' })).not.toThrow();
  });

  it('names the field of a wrong type', () => {
    const error = caught(() => validateJobVariables(variables, { image: 3 }));
    expect(error.message).toBe('jobVariables.image: must be string');
    expect(error.path).toBe('jobVariables.image');
  });

  it('names nested fields, including those set by dot-keys', () => {
    const error = caught(() =>
      validateJobVariables(variables, { 'env.FOO': 1 }, { path: 'deployment.jobVariables' }),
    );
    expect(error.message).toBe('deployment.jobVariables.env.FOO: must be string');
  });

  it('requires required fields only when asked (run level)', () => {
    expect(() => validateJobVariables(variables, { image: 'x' })).not.toThrow();
    const error = caught(() => validateJobVariables(variables, { image: 'x' }, { requireRequired: true }));
    expect(error.message).toBe('jobVariables.cpu: is required');
  });

  it('checks formats and numeric bounds', () => {
    expect(caught(() => validateJobVariables(variables, { url: 'not a uri' })).message).toMatch(
      /^jobVariables\.url: must match format "uri"$/,
    );
    expect(caught(() => validateJobVariables(variables, { cpu: 0 })).message).toBe(
      'jobVariables.cpu: must be >= 1',
    );
  });

  it('reports a schema that is not JSON Schema', () => {
    const error = caught(() => validateJobVariables({ type: 'nonsense' }, {}));
    expect(error.message).toMatch(/^jobVariables schema: is not a valid JSON Schema/);
  });
});

describe('validateBaseJobTemplate', () => {
  it('accepts a template whose defaults conform and placeholders are declared', () => {
    expect(() =>
      validateBaseJobTemplate({ variables, jobConfiguration: { image: '{{ image }}', env: '{{ env }}' } }),
    ).not.toThrow();
  });

  it('rejects a default of the wrong type', () => {
    const bad = { type: 'object', properties: { image: { type: 'string', default: 5 } } };
    expect(caught(() => validateBaseJobTemplate({ variables: bad, jobConfiguration: {} })).message).toBe(
      'baseJobTemplate.variables.properties.image: must be string',
    );
  });

  it('rejects placeholders of undeclared variables', () => {
    const error = caught(() =>
      validateBaseJobTemplate({ variables, jobConfiguration: { x: 'run {{ nope }} and {{ image }}' } }),
    );
    expect(error.message).toMatch(/^baseJobTemplate\.jobConfiguration: uses undeclared variable\(s\) nope;/);
  });
});

describe('renderJobConfiguration', () => {
  it('keeps the type of whole-string placeholders and stringifies embedded ones', () => {
    const rendered = renderJobConfiguration(
      {
        env: '{{ env }}',
        stream: '{{streamOutput}}',
        cpu: '{{ cpu }}',
        command: 'node {{ script }} --cpu={{ cpu }} --env={{ env }}',
        fixed: 7,
        nested: { list: ['{{ image }}', 'x-{{ image }}'] },
      },
      { env: { A: '1' }, streamOutput: false, cpu: 2, script: 'main.js', image: 'node:20' },
    );
    expect(rendered).toEqual({
      env: { A: '1' },
      stream: false,
      cpu: 2,
      command: 'node main.js --cpu=2 --env={"A":"1"}',
      fixed: 7,
      nested: { list: ['node:20', 'x-node:20'] },
    });
  });

  it('leaves out variables that have no value, and keeps null as null', () => {
    const rendered = renderJobConfiguration(
      {
        a: '{{ missing }}',
        b: 'x{{ missing }}y',
        c: '{{ empty }}',
        d: ['{{ missing }}', 1],
        e: 'v={{ empty }}',
      },
      { empty: null },
    );
    expect(rendered).toEqual({ b: 'xy', c: null, d: [1], e: 'v=' });
  });

  it('reads dotted placeholder names from nested values', () => {
    expect(renderJobConfiguration({ team: '{{ labels.team }}' }, { labels: { team: 'ops' } })).toEqual({
      team: 'ops',
    });
  });
});
