import { z } from 'zod';
import { DateTime, Uuid, uuid7 } from '../core/ids';
import { JsonValue } from '../core/json';
import { defaultStateName, NAMED_STATES, type StateName, StateType } from './state-type';

/** Extra facts a state carries (reference §1.3), camelCased. Every field is optional. */
export const StateDetails = z.object({
  flowRunId: Uuid.nullish(),
  taskRunId: Uuid.nullish(),
  childFlowRunId: Uuid.nullish(),
  scheduledTime: DateTime.nullish(),
  cacheKey: z.string().nullish(),
  cacheExpiration: DateTime.nullish(),
  deferred: z.boolean().nullish(),
  untrackableResult: z.boolean().nullish(),
  pauseTimeout: DateTime.nullish(),
  pauseReschedule: z.boolean().nullish(),
  pauseKey: z.string().nullish(),
  runInputKeyset: z.record(z.string(), z.string()).nullish(),
  refreshCache: z.boolean().nullish(),
  retriable: z.boolean().nullish(),
  transitionId: Uuid.nullish(),
  taskParametersId: Uuid.nullish(),
  traceparent: z.string().nullish(),
  deploymentConcurrencyLeaseId: Uuid.nullish(),
});
export type StateDetails = z.infer<typeof StateDetails>;

/**
 * Where a persisted result lives. A state's `data` is this object when the result was persisted
 * (recognised by its `storageKey`), `{ type: 'unpersisted' }` when it was not, or any JSON.
 */
export const ResultRecordMetadata = z.object({
  storageKey: z.string().min(1),
  storageBlockId: Uuid.nullish(),
  serializer: z.object({ type: z.string() }).catchall(JsonValue),
  expiration: DateTime.nullish(),
  weftVersion: z.string().nullish(),
});
export type ResultRecordMetadata = z.infer<typeof ResultRecordMetadata>;

/** Whether a state's data points at a persisted result. */
export function isResultRecordMetadata(data: unknown): data is ResultRecordMetadata {
  return ResultRecordMetadata.safeParse(data).success;
}

/** A state as stored: the id and timestamp always set. */
export const State = z.object({
  id: Uuid,
  type: StateType,
  name: z.string().min(1),
  timestamp: DateTime,
  message: z.string().nullable(),
  stateDetails: StateDetails,
  data: JsonValue.nullable(),
});
export type State = z.infer<typeof State>;

/** A proposed state. A missing id, name or timestamp is filled in by whoever records it. */
export const StateCreate = z.object({
  id: Uuid.optional(),
  type: StateType,
  name: z.string().min(1).optional(),
  timestamp: DateTime.optional(),
  message: z.string().nullish(),
  stateDetails: StateDetails.optional(),
  data: JsonValue.nullish(),
});
export type StateCreate = z.infer<typeof StateCreate>;

/** Options for {@link newState} and {@link namedState}. */
export interface NewStateOptions {
  name?: string;
  message?: string | null;
  /** @default now */
  timestamp?: Date;
  stateDetails?: StateDetails;
  data?: JsonValue | null;
  /** Shorthand for `stateDetails.scheduledTime`. */
  scheduledTime?: Date;
}

/**
 * A complete new state of a type, with a fresh v7 id and the current time.
 * @example newState('FAILED', { message: 'boom' })
 */
export function newState(type: StateType, options: NewStateOptions = {}): State {
  const timestamp = options.timestamp ?? new Date();
  const stateDetails: StateDetails = { ...options.stateDetails };
  if (options.scheduledTime) stateDetails.scheduledTime = options.scheduledTime;
  if (type === 'SCHEDULED' && stateDetails.scheduledTime == null) stateDetails.scheduledTime = timestamp;
  return {
    id: uuid7(timestamp.getTime()),
    type,
    name: options.name ?? defaultStateName(type),
    timestamp,
    message: options.message ?? null,
    stateDetails,
    data: options.data ?? null,
  };
}

/**
 * A state by its meaningful name (reference §1.2); the type follows from the name.
 * @example namedState('AwaitingRetry', { scheduledTime: new Date(Date.now() + 10_000) })
 */
export function namedState(name: StateName, options: Omit<NewStateOptions, 'name'> = {}): State {
  return newState(NAMED_STATES[name], { ...options, name });
}
