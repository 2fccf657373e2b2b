import { Alert, Button, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { errorMessage } from './query-state';

/**
 * The end of a form in a modal: the server's refusal (if any) in words, then Cancel and the submit
 * button. `testId` names both: `<testId>-error` and `<testId>-submit`.
 */
export function ModalFormFooter({
  error,
  onCancel,
  submitting,
  submitLabel,
  testId,
}: {
  error: unknown;
  onCancel: () => void;
  submitting: boolean;
  submitLabel: string;
  testId: string;
}) {
  return (
    <>
      {error != null && (
        <Alert
          color="red"
          icon={<IconAlertTriangle />}
          title="Not saved"
          role="alert"
          data-testid={`${testId}-error`}
        >
          {errorMessage(error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={submitting} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
