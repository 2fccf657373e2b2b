import { Anchor, Image, Progress, Table, Text, TypographyStylesProvider } from '@mantine/core';
import type { Artifact } from '@weft/schemas';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { JsonView } from './json-view';

/** Markdown, GitHub flavour (tables, task lists, links). Raw HTML is not rendered. */
export function MarkdownView({ source }: { source: string }) {
  return (
    <TypographyStylesProvider>
      <Markdown
        remarkPlugins={[remarkGfm]}
        components={{
          a: ({ href, children }) => (
            <Anchor href={href} target="_blank" rel="noreferrer">
              {children}
            </Anchor>
          ),
        }}
      >
        {source}
      </Markdown>
    </TypographyStylesProvider>
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A table artifact: rows as objects (columns from their keys) or as lists of cells. */
export function TableView({ rows }: { rows: unknown[] }) {
  if (rows.length === 0) return <Text c="dimmed">An empty table.</Text>;
  const objectRows = rows.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
  const columns = objectRows
    ? [...new Set(rows.flatMap((row) => Object.keys(row as object)))]
    : Array.from({ length: Math.max(...rows.map((row) => (Array.isArray(row) ? row.length : 1))) }, (_, i) =>
        String(i + 1),
      );
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table striped withTableBorder data-testid="artifact-table">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            // Rows have no identity of their own; their order is the artifact's.
            // biome-ignore lint/suspicious/noArrayIndexKey: static rows
            <Table.Tr key={index}>
              {columns.map((column, c) => (
                <Table.Td key={column}>
                  {cellText(objectRows ? (row as Record<string, unknown>)[column] : (row as unknown[])[c])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** An artifact's data, rendered by its type. */
export function ArtifactView({ artifact }: { artifact: Pick<Artifact, 'type' | 'data'> }) {
  const { type, data } = artifact;
  switch (type) {
    case 'markdown':
    case 'link':
      return <MarkdownView source={String(data)} />;
    case 'table':
      return <TableView rows={Array.isArray(data) ? data : []} />;
    case 'progress':
      return <Progress value={Number(data)} size="lg" aria-label={`${Number(data)}% done`} />;
    case 'image':
      return <Image src={String(data)} alt="Artifact image" maw={720} />;
    default:
      return <JsonView value={data} />;
  }
}
