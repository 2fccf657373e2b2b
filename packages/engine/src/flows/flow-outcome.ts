import { isResultRecordMetadata, type State } from '@weft/schemas';
import { MissingResultError } from '../errors';
import { fromSerializedError } from '../errors/serialize-error';
import { outcomeError } from '../futures/future';
import type { ResultStore } from '../results/result-store';
import type { FlowRunOutcome } from './flow-types';

/** What a finished flow run call gives back. @internal */
export function outcomeOf(options: {
  flowRunId: string;
  state: State;
  value?: unknown;
  error?: unknown;
  store?: ResultStore;
}): FlowRunOutcome<unknown> {
  const { state } = options;
  return {
    flowRunId: options.flowRunId,
    state,
    async result() {
      if (state.type !== 'COMPLETED') {
        if (options.error !== undefined) throw options.error;
        if (state.type === 'FAILED' && state.data && typeof state.data === 'object' && 'kind' in state.data) {
          throw fromSerializedError(state.data as never);
        }
        throw outcomeError({ state });
      }
      if ('value' in options && options.value !== undefined) return options.value;
      if (isResultRecordMetadata(state.data) && options.store) {
        const record = await options.store.read(state.data.storageKey);
        if (record) return record.result;
        throw new MissingResultError(
          `The result of flow run ${options.flowRunId} has expired or was removed`,
        );
      }
      return options.value;
    },
  };
}
