import { notifications } from '@mantine/notifications';
import { errorMessage } from './query-state';

/** Say that a change worked: `Paused etl/nightly`. */
export function notifyDone(message: string): void {
  notifications.show({ color: 'green', message });
}

/** Say that a change failed, and why: `Could not pause etl/nightly: …`. */
export function notifyFailed(what: string, error: unknown): void {
  notifications.show({
    color: 'red',
    title: `Could not ${what}`,
    message: errorMessage(error),
    autoClose: 10_000,
  });
}
