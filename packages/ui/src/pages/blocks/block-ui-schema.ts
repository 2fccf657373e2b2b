import type { UiSchema } from '@rjsf/utils';
import { type JsonSchema, schemaAt, schemaProperties, schemaTypeName } from './block-fields';
import { JsonTextField, SecretJsonField } from './json-fields';

/** What an empty secret input of the edit form means. */
export const UNCHANGED_SECRET = 'unchanged — type a new value to replace it';

/** The uiSchema entry at a dotted path, created on the way. */
function entryAt(ui: UiSchema, path: string): UiSchema {
  let current = ui;
  for (const key of path.split('.')) {
    const next = (current[key] ?? {}) as UiSchema;
    current[key] = next;
    current = next;
  }
  return current;
}

/**
 * How the generated form renders a block schema: secret strings as password inputs, other secrets
 * as masked JSON, fields of no declared type as JSON text. In the edit form a secret starts empty:
 * left empty, the server keeps the stored value.
 */
export function blockUiSchema(
  schema: JsonSchema,
  secretFields: readonly string[],
  mode: 'create' | 'edit',
): UiSchema {
  const ui: UiSchema = {};
  const placeholder = mode === 'edit' ? UNCHANGED_SECRET : undefined;
  for (const [name, field] of Object.entries(schemaProperties(schema))) {
    if (!secretFields.includes(name) && schemaTypeName(field) === 'any') {
      entryAt(ui, name)['ui:field'] = JsonTextField;
    }
  }
  for (const path of secretFields) {
    const at = schemaAt(schema, path);
    if (!at) continue;
    const entry = entryAt(ui, path);
    const type = schemaTypeName(at.field);
    if (type === 'string') {
      entry['ui:widget'] = 'password';
      if (placeholder) entry['ui:placeholder'] = placeholder;
      entry['ui:autocomplete'] = 'new-password';
    } else {
      entry['ui:field'] = SecretJsonField;
      entry['ui:options'] = { placeholder, anyJson: type === 'any' };
    }
  }
  return ui;
}
