import { Checkbox, Input, PasswordInput, Stack, Textarea } from '@mantine/core';
import type { FieldProps } from '@rjsf/utils';
import { createContext, useContext, useEffect, useState } from 'react';

/**
 * Fields of a block form that hold JSON typed as text: any-JSON values (the `json` block) and
 * secrets that are not plain strings (the `secret` block's value, a webhook's headers). Text that
 * is not JSON yet is reported to the form through {@link JsonFieldErrors}, which refuses to submit.
 */
export const JsonFieldErrors = createContext<(id: string, error: string | undefined) => void>(() => {});

/** `ui:options` of the two fields. */
interface JsonFieldOptions {
  /** Shown in an empty input (the edit form's "unchanged" note for secrets). */
  placeholder?: string;
  /** The field's schema has no type: a secret may then be a string (default) or any JSON. */
  anyJson?: boolean;
}

function optionsOf(props: FieldProps): JsonFieldOptions {
  const options = props.uiSchema?.['ui:options'];
  return (options ?? {}) as JsonFieldOptions;
}

function labelOf(props: FieldProps): string {
  const title = props.schema.title;
  return typeof title === 'string' ? title : props.name;
}

function descriptionOf(props: FieldProps): string | undefined {
  return typeof props.schema.description === 'string' ? props.schema.description : undefined;
}

function toText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

function parse(text: string): { value?: unknown; error?: string } {
  if (text.trim() === '') return {};
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: 'Not valid JSON yet (strings need "quotes")' };
  }
}

/** Report this field's JSON problem to the form, and clear it when the field goes away. */
function useReportedError(id: string, error: string | undefined) {
  const report = useContext(JsonFieldErrors);
  useEffect(() => {
    report(id, error);
    return () => report(id, undefined);
  }, [report, id, error]);
}

/** Any JSON value, typed as JSON text. */
export function JsonTextField(props: FieldProps) {
  const { fieldPathId, formData, onChange, required, disabled, rawErrors } = props;
  const [text, setText] = useState(() => toText(formData));
  const [error, setError] = useState<string>();
  useReportedError(fieldPathId.$id, error);
  return (
    <Textarea
      id={fieldPathId.$id}
      label={labelOf(props)}
      description={descriptionOf(props) ?? 'Any JSON value: "text", 42, true, {"a": 1}, [1, 2]'}
      required={required}
      disabled={disabled}
      autosize
      minRows={3}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      value={text}
      error={error ?? rawErrors?.[0]}
      onChange={(event) => {
        const next = event.currentTarget.value;
        const parsed = parse(next);
        setText(next);
        setError(parsed.error);
        if (!parsed.error) onChange(parsed.value, fieldPathId.path);
      }}
    />
  );
}

/**
 * A secret that is not a plain string: masked as it is typed. A secret of no declared type is a
 * string unless "JSON" is ticked; an object or list secret is always JSON.
 */
export function SecretJsonField(props: FieldProps) {
  const { fieldPathId, formData, onChange, required, disabled, rawErrors } = props;
  const options = optionsOf(props);
  const [asJson, setAsJson] = useState(
    !options.anyJson || (formData !== undefined && typeof formData !== 'string'),
  );
  const [text, setText] = useState(() =>
    typeof formData === 'string' && !asJson ? formData : toText(formData),
  );
  const [error, setError] = useState<string>();
  useReportedError(fieldPathId.$id, error);

  const update = (next: string, json: boolean) => {
    setText(next);
    if (!json) {
      setError(undefined);
      onChange(next === '' ? undefined : next, fieldPathId.path);
      return;
    }
    const parsed = parse(next);
    setError(parsed.error);
    if (!parsed.error) onChange(parsed.value, fieldPathId.path);
  };

  return (
    <Stack gap={4}>
      <PasswordInput
        id={fieldPathId.$id}
        label={labelOf(props)}
        description={
          descriptionOf(props) ??
          (asJson ? 'JSON, e.g. {"Authorization": "Bearer …"}' : 'Stored encrypted, never shown again')
        }
        placeholder={options.placeholder}
        required={required}
        disabled={disabled}
        value={text}
        error={error ?? rawErrors?.[0]}
        autoComplete="new-password"
        onChange={(event) => update(event.currentTarget.value, asJson)}
      />
      {options.anyJson && (
        <Input.Wrapper>
          <Checkbox
            size="xs"
            label="The secret is JSON (an object, a list, a number), not text"
            checked={asJson}
            disabled={disabled}
            onChange={(event) => {
              setAsJson(event.currentTarget.checked);
              update(text, event.currentTarget.checked);
            }}
          />
        </Input.Wrapper>
      )}
    </Stack>
  );
}
