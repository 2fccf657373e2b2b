import { TextInput } from '@mantine/core';
import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';

/** How a value of any type shows in the text box: strings as they are, the rest as JSON. */
function toText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Text as a value: JSON when it parses (`10`, `true`, `[1, 2]`, `"10"`), else the text itself. */
function fromText(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The form field of a parameter of any type (a flow without a zod schema stores `{}` for each
 * parameter, which the generated form can't render): typed as JSON, or taken as plain text.
 */
export function AnyJsonField({
  formData,
  onChange,
  fieldPathId,
  name,
  schema,
  required,
  disabled,
  readonly,
  rawErrors,
}: FieldProps) {
  const [text, setText] = useState(() => toText(formData));
  return (
    <TextInput
      id={fieldPathId.$id}
      label={typeof schema.title === 'string' ? schema.title : name}
      description={
        typeof schema.description === 'string'
          ? schema.description
          : 'Any value: JSON (10, true, [1, 2], {"a": 1}) or plain text'
      }
      required={required}
      disabled={disabled || readonly}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        onChange(fromText(event.currentTarget.value), fieldPathId.path);
      }}
      error={rawErrors && rawErrors.length > 0 ? rawErrors.join('; ') : undefined}
      mb="sm"
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
    />
  );
}
