import type { Artifact } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { artifactTitle, firstLine } from './artifact-title';

type Titled = Pick<Artifact, 'key' | 'type' | 'description' | 'data'>;

function artifact(fields: Partial<Titled>): Titled {
  return { key: null, type: 'markdown', description: null, data: null, ...fields };
}

describe('firstLine', () => {
  it('takes the first non-blank line, as plain text without markdown marks', () => {
    expect(firstLine('\n  \n# Daily **sales** report\nmore')).toBe('Daily sales report');
    expect(firstLine('### `orders` in _EU_')).toBe('orders in EU');
    expect(firstLine('See [the dashboard](https://example.com/d?x=1) now')).toBe('See the dashboard now');
  });

  it('is empty for blank text or a line of marks only', () => {
    expect(firstLine('')).toBe('');
    expect(firstLine('   \n\t\n')).toBe('');
    expect(firstLine('***')).toBe('');
  });

  it('cuts a long line to 60 characters, ending in an ellipsis', () => {
    const long = 'x'.repeat(61);
    expect(firstLine(long)).toBe(`${'x'.repeat(59)}…`);
    expect(firstLine(long)).toHaveLength(60);
    expect(firstLine('y'.repeat(60))).toBe('y'.repeat(60));
  });
});

describe('artifactTitle', () => {
  it('is the key when there is one', () => {
    expect(artifactTitle(artifact({ key: 'sales-report', description: '# Other', data: '# Text' }))).toBe(
      'sales-report',
    );
  });

  it('is the start of the description, else of a markdown or link text', () => {
    expect(artifactTitle(artifact({ description: '## Nightly load\ndetails', data: '# Body' }))).toBe(
      'Nightly load',
    );
    expect(artifactTitle(artifact({ data: '\n# Body title\ntext' }))).toBe('Body title');
    expect(artifactTitle(artifact({ type: 'link', data: '[Report](https://x.example)' }))).toBe('Report');
  });

  it('names the type when nothing else says what it is', () => {
    expect(artifactTitle(artifact({ type: 'table', data: '# not used for tables' }))).toBe('Unkeyed table');
    expect(artifactTitle(artifact({ type: 'markdown', data: { not: 'text' } }))).toBe('Unkeyed markdown');
    expect(artifactTitle(artifact({ description: '  \n ' }))).toBe('Unkeyed markdown');
    expect(artifactTitle(artifact({ type: 'link', data: '' }))).toBe('Unkeyed link');
    expect(artifactTitle(artifact({ type: 'progress', data: 0.5 }))).toBe('Unkeyed progress');
  });
});
