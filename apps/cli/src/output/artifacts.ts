import type { Artifact } from '@weft/schemas';
import type { CliContext } from '../context';
import { renderDetails } from './details';
import { formatRelativeTime, formatTimestamp } from './format';
import { renderTable } from './table';

/** An artifact's data in one line: text as is, progress as a percentage, else compact JSON. */
export function summarizeArtifactData(artifact: Artifact): string {
  if (artifact.type === 'progress') return `${artifact.data}%`;
  if (artifact.type === 'table' && Array.isArray(artifact.data)) return `${artifact.data.length} rows`;
  return typeof artifact.data === 'string' ? artifact.data : JSON.stringify(artifact.data);
}

/** The artifact table for people. */
export function artifactTable(artifacts: readonly Artifact[], ctx: CliContext): string {
  const now = ctx.now();
  return renderTable(
    artifacts,
    [
      { header: 'KEY', value: (a) => a.key ?? '-' },
      { header: 'TYPE', value: (a) => a.type },
      { header: 'DATA', value: summarizeArtifactData, flex: true },
      { header: 'ID', value: (a) => a.id, optional: true },
      { header: 'CREATED', value: (a) => formatRelativeTime(a.createdAt, now), optional: true },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** `artifact inspect`: one artifact, its data in full. */
export function artifactDetails(artifact: Artifact, ctx: CliContext): string {
  const now = ctx.now();
  const data = typeof artifact.data === 'string' ? artifact.data : JSON.stringify(artifact.data, null, 2);
  return `${renderDetails([
    ['ID', artifact.id],
    ['Key', artifact.key ?? '-'],
    ['Type', artifact.type],
    ['Description', artifact.description ?? '-'],
    ['Flow run', artifact.flowRunId ?? '-'],
    ['Task run', artifact.taskRunId ?? '-'],
    ['Created', formatTimestamp(artifact.createdAt, now)],
    ['Updated', formatTimestamp(artifact.updatedAt, now)],
  ])}\n\n${data}`;
}
