import { Modal, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Variable } from '@weft/schemas';
import { VariableName, VariableTags } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { ModalFormFooter } from '../../components/modal-form-footer';
import { firstProblem, parseVariableValue } from './variable-value';

/** Create a variable (no `variable`) or edit one: its name, its JSON value and its tags. */
export function VariableFormModal({
  opened,
  onClose,
  variable,
}: {
  opened: boolean;
  onClose: () => void;
  variable?: Variable;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(variable?.name ?? '');
  const [valueText, setValueText] = useState(variable ? JSON.stringify(variable.value, null, 2) : '');
  const [tags, setTags] = useState<string[]>(variable?.tags ?? []);
  const [touched, setTouched] = useState(false);

  const onSuccess = async (saved: Variable) => {
    notifications.show({
      color: 'green',
      message: `Variable ${saved.name} ${variable ? 'saved' : 'created'}`,
    });
    await queryClient.invalidateQueries({ queryKey: trpc.variables.pathKey() });
    onClose();
  };
  const create = useMutation(trpc.variables.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.variables.update.mutationOptions({ onSuccess }));
  const mutation = variable ? update : create;

  const nameError = firstProblem(VariableName.safeParse(name));
  const parsed = parseVariableValue(valueText);
  const tagsError = firstProblem(VariableTags.safeParse(tags));

  const submit = () => {
    setTouched(true);
    if (nameError || parsed.error || tagsError || parsed.value === undefined) return;
    if (variable) {
      update.mutate({
        name: variable.name,
        newName: name === variable.name ? undefined : name,
        value: parsed.value,
        tags,
      });
    } else {
      create.mutate({ name, value: parsed.value, tags });
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={variable ? `Edit ${variable.name}` : 'New variable'}
      size="lg"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            description="Lowercase letters, digits, dashes and underscores; flows read it with variables.get(name)"
            required
            data-autofocus
            value={name}
            error={touched || name ? nameError : undefined}
            onChange={(event) => setName(event.currentTarget.value)}
            data-testid="variable-name"
          />
          <Textarea
            label="Value (JSON)"
            description='Any JSON value: "text", 42, true, null, {"max": 3}, [1, 2]'
            required
            autosize
            minRows={3}
            maxRows={14}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={valueText}
            error={touched || valueText ? parsed.error : undefined}
            onChange={(event) => setValueText(event.currentTarget.value)}
            data-testid="variable-value"
          />
          <TagsInput
            label="Tags"
            description="Press Enter after each tag"
            value={tags}
            onChange={setTags}
            error={tagsError}
            clearable
          />
          <ModalFormFooter
            error={mutation.error}
            onCancel={onClose}
            submitting={mutation.isPending}
            submitLabel={variable ? 'Save' : 'Create'}
            testId="variable"
          />
        </Stack>
      </form>
    </Modal>
  );
}
