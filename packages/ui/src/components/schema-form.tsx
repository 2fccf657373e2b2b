import { Button, Group } from '@mantine/core';
import Form from '@rjsf/mantine';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import type { ReactNode } from 'react';

/** A JSON object as the form edits it. */
export type FormValue = Record<string, unknown>;

/**
 * A form generated from a JSON Schema (a deployment's parameters, a block type's fields), checked
 * with ajv as the user types and again before submit. Built on react-jsonschema-form's Mantine
 * theme: see docs/ui.md for why.
 * @example <SchemaForm schema={deployment.parameterSchema} value={params} onChange={setParams} onSubmit={run} submitLabel="Run" />
 */
export function SchemaForm({
  schema,
  value,
  onChange,
  onSubmit,
  submitLabel = 'Save',
  submitting,
  uiSchema,
  disabled,
  extraActions,
}: {
  schema: Record<string, unknown>;
  value: FormValue;
  onChange: (value: FormValue) => void;
  onSubmit: (value: FormValue) => void;
  submitLabel?: string;
  submitting?: boolean;
  uiSchema?: UiSchema;
  disabled?: boolean;
  extraActions?: ReactNode;
}) {
  return (
    <Form
      schema={schema as RJSFSchema}
      uiSchema={uiSchema}
      validator={validator}
      formData={value}
      disabled={disabled}
      showErrorList={false}
      liveValidate="onChange"
      noHtml5Validate
      onChange={(event) => onChange((event.formData ?? {}) as FormValue)}
      onSubmit={(event) => onSubmit((event.formData ?? {}) as FormValue)}
    >
      <Group mt="md" gap="xs">
        <Button type="submit" loading={submitting} disabled={disabled} data-testid="schema-form-submit">
          {submitLabel}
        </Button>
        {extraActions}
      </Group>
    </Form>
  );
}
