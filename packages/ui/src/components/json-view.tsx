import { Code } from '@mantine/core';

/** A JSON value, pretty-printed. */
export function JsonView({ value, maxHeight = 400 }: { value: unknown; maxHeight?: number }) {
  return (
    <Code block style={{ maxHeight, overflow: 'auto' }}>
      {value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </Code>
  );
}
