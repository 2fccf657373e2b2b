import type { JsonValue } from '@weft/schemas';
import { resolveArtifactsClient } from './artifacts-client';
import { type ArtifactOptions, createArtifact } from './create-artifact';

/** A table: rows as objects, rows as lists, or columns as lists (`{ a: [1, 2], b: [3, 4] }`). */
export type TableInput = Record<string, unknown>[] | unknown[][] | Record<string, unknown[]>;

/**
 * Create a markdown artifact in the current run; returns its id.
 * @example await createMarkdownArtifact('# Report\n3 files synced', { key: 'sync-report' });
 */
export function createMarkdownArtifact(markdown: string, options: ArtifactOptions = {}): Promise<string> {
  return createArtifact('markdown', markdown, options);
}

/**
 * Create a table artifact; columns given as lists become rows, and NaN or ±Infinity becomes null.
 * @example await createTableArtifact([{ file: 'a.csv', rows: 10 }], { key: 'files' });
 */
export function createTableArtifact(table: TableInput, options: ArtifactOptions = {}): Promise<string> {
  return createArtifact('table', toRows(table), options);
}

/** Options of {@link createLinkArtifact}. */
export interface LinkArtifactOptions extends ArtifactOptions {
  /** The text of the link. @default the link itself */
  linkText?: string;
}

/** Create a link artifact, stored as the markdown link `[text](link)`; returns its id. */
export function createLinkArtifact(link: string, options: LinkArtifactOptions = {}): Promise<string> {
  const { linkText, ...rest } = options;
  return createArtifact('link', `[${linkText ?? link}](${link})`, rest);
}

/**
 * Create a progress artifact (0–100, clamped), to move on with {@link updateProgressArtifact}.
 * @example
 * const id = await createProgressArtifact(0, { key: 'load' });
 * await updateProgressArtifact(id, 50);
 */
export function createProgressArtifact(progress: number, options: ArtifactOptions = {}): Promise<string> {
  return createArtifact('progress', clampProgress(progress), options);
}

/** Set the progress (0–100, clamped) of a progress artifact. */
export async function updateProgressArtifact(artifactId: string, progress: number): Promise<void> {
  const client = await resolveArtifactsClient();
  await client.artifacts.update.mutate({ id: artifactId, data: clampProgress(progress) });
}

/** Create an image artifact from a public image URL; returns its id. */
export function createImageArtifact(imageUrl: string, options: ArtifactOptions = {}): Promise<string> {
  return createArtifact('image', imageUrl, options);
}

function clampProgress(progress: number): number {
  if (Number.isNaN(progress)) return 0;
  return Math.min(100, Math.max(0, progress));
}

function toCell(value: unknown): JsonValue {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value === undefined) return null;
  // Anything else must already be JSON; the server says which row is not.
  return value as JsonValue;
}

function toRows(table: TableInput): JsonValue {
  if (Array.isArray(table)) {
    return table.map((row) =>
      Array.isArray(row)
        ? row.map(toCell)
        : Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, toCell(v)])),
    );
  }
  const columns = Object.keys(table);
  const length = Math.max(0, ...columns.map((column) => table[column]?.length ?? 0));
  return Array.from({ length }, (_, i) =>
    Object.fromEntries(columns.map((column) => [column, toCell(table[column]?.[i])])),
  );
}
