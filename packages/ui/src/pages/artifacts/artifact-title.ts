import type { Artifact } from '@weft/schemas';

export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const plain = line
    .replace(/^#+\s*/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain;
}

/** What to call an artifact: its key, else the start of its description or text, else its type. */
export function artifactTitle(artifact: Pick<Artifact, 'key' | 'type' | 'description' | 'data'>): string {
  if (artifact.key) return artifact.key;
  if (artifact.description) return firstLine(artifact.description) || `Unkeyed ${artifact.type}`;
  if ((artifact.type === 'markdown' || artifact.type === 'link') && typeof artifact.data === 'string') {
    return firstLine(artifact.data) || `Unkeyed ${artifact.type}`;
  }
  return `Unkeyed ${artifact.type}`;
}
