/** A `Label  value` block, labels padded to one width (the `inspect` commands). */
export function renderDetails(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
