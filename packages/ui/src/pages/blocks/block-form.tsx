import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import type { BlockSchema } from '@weft/schemas';
import { BlockDocumentName } from '@weft/schemas';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { type FormValue, SchemaForm } from '../../components/schema-form';
import { editableSchema, type JsonSchema } from './block-fields';
import { blockUiSchema } from './block-ui-schema';
import { JsonFieldErrors } from './json-fields';

const NO_REFERENCES: readonly string[] = [];

/** The problem with a block document name, as the server would word it. */
export function blockNameError(name: string): string | undefined {
  const result = BlockDocumentName.safeParse(name);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * A block document's form: its name (when creating) and its data, generated from the type's
 * schema. Secrets are password inputs; in the edit form they start empty and keep their value when
 * left so. `error` is the server's answer to the last submit, shown above the buttons.
 */
export function BlockForm({
  schema,
  mode,
  initialData,
  submitLabel,
  submitting,
  error,
  onSubmit,
  onCancel,
  referencePaths = NO_REFERENCES,
}: {
  schema: BlockSchema;
  mode: 'create' | 'edit';
  initialData: FormValue;
  submitLabel: string;
  submitting: boolean;
  error: string | undefined;
  onSubmit: (value: { name: string; data: FormValue }) => void;
  onCancel: () => void;
  /** The document's nested blocks (edit form): left out of the form, kept as they are. */
  referencePaths?: readonly string[];
}) {
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [data, setData] = useState<FormValue>(initialData);
  const jsonErrors = useRef(new Map<string, string>());
  const [jsonProblem, setJsonProblem] = useState<string>();

  const fields = schema.fields as JsonSchema;
  const formSchema = useMemo(
    () => (mode === 'edit' ? editableSchema(fields, schema.secretFields, referencePaths) : fields),
    [fields, mode, schema.secretFields, referencePaths],
  );
  const uiSchema = useMemo(
    () => blockUiSchema(fields, schema.secretFields, mode),
    [fields, mode, schema.secretFields],
  );
  const reportJsonError = useCallback((id: string, message: string | undefined) => {
    if (message) jsonErrors.current.set(id, message);
    else jsonErrors.current.delete(id);
    if (jsonErrors.current.size === 0) setJsonProblem(undefined);
  }, []);

  const nameError = mode === 'create' && nameTouched ? blockNameError(name) : undefined;

  const submit = (value: FormValue) => {
    setNameTouched(true);
    if (mode === 'create' && blockNameError(name)) return;
    if (jsonErrors.current.size > 0) {
      setJsonProblem('Some JSON fields are not valid JSON yet: fix them first.');
      return;
    }
    onSubmit({ name, data: value });
  };

  let notice: ReactNode = null;
  if (schema.secretFields.length > 0) {
    notice = (
      <Text size="sm" c="dimmed">
        <IconLock size={14} style={{ verticalAlign: 'middle' }} /> Secret fields (
        {schema.secretFields.join(', ')}) are stored encrypted and never sent back to the browser.
        {mode === 'edit' && ' Leave a secret empty to keep its current value.'}
      </Text>
    );
  }

  return (
    <Stack gap="md" maw={720} data-testid="block-form">
      {mode === 'create' && (
        <TextInput
          label="Block name"
          description="Lowercase letters, digits and single dashes: flows load it as <type>/<name>"
          placeholder="my-block"
          required
          value={name}
          error={nameError}
          onChange={(event) => setName(event.currentTarget.value)}
          onBlur={() => setNameTouched(true)}
          data-testid="block-name"
        />
      )}
      {notice}
      {referencePaths.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="block-form-nested">
          Nested blocks ({referencePaths.join(', ')}) are kept as they are: edit them on their own pages.
        </Text>
      )}
      <JsonFieldErrors.Provider value={reportJsonError}>
        <SchemaForm
          schema={formSchema}
          uiSchema={uiSchema}
          value={data}
          onChange={setData}
          onSubmit={submit}
          submitLabel={submitLabel}
          submitting={submitting}
          extraActions={
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          }
        />
      </JsonFieldErrors.Provider>
      {(error || jsonProblem) && (
        <Alert
          color="red"
          icon={<IconAlertTriangle />}
          title="Not saved"
          role="alert"
          data-testid="block-form-error"
        >
          {jsonProblem ?? error}
        </Alert>
      )}
    </Stack>
  );
}
