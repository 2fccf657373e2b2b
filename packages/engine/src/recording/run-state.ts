import { randomFillSync } from 'node:crypto';
import { defaultStateName, type NewStateOptions, type State, type StateType } from '@weft/schemas';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_SIZE = 16 * 512;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * A UUID v7 like `uuid7()` from `@weft/schemas`, drawing its random bits from a pooled buffer:
 * one `randomFillSync` per 512 ids instead of one per id, which matters at several ids per task
 * run. @internal
 */
export function fastUuid7(now: number = Date.now()): string {
  if (offset + 10 > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const r = offset;
  offset += 10;
  let ms = now;
  const t: number[] = new Array(6);
  for (let i = 5; i >= 0; i--) {
    t[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  const b6 = (pool[r]! & 0x0f) | 0x70;
  const b8 = (pool[r + 2]! & 0x3f) | 0x80;
  return (
    `${HEX[t[0]!]}${HEX[t[1]!]}${HEX[t[2]!]}${HEX[t[3]!]}-${HEX[t[4]!]}${HEX[t[5]!]}-` +
    `${HEX[b6]}${HEX[pool[r + 1]!]}-${HEX[b8]}${HEX[pool[r + 3]!]}-` +
    `${HEX[pool[r + 4]!]}${HEX[pool[r + 5]!]}${HEX[pool[r + 6]!]}${HEX[pool[r + 7]!]}${HEX[pool[r + 8]!]}${HEX[pool[r + 9]!]}`
  );
}

/**
 * A new state, as `newState()` from `@weft/schemas` builds it, with a pooled-random id: the
 * engine makes three or four per task run. `stateDetails` is taken over, not copied. @internal
 */
export function runState(type: StateType, options: NewStateOptions = {}): State {
  const timestamp = options.timestamp ?? new Date();
  // The engine always passes fresh details, so they are used as given (no copy per state).
  const stateDetails = options.stateDetails ?? {};
  if (options.scheduledTime) stateDetails.scheduledTime = options.scheduledTime;
  if (type === 'SCHEDULED' && stateDetails.scheduledTime == null) stateDetails.scheduledTime = timestamp;
  return {
    id: fastUuid7(timestamp.getTime()),
    type,
    name: options.name ?? defaultStateName(type),
    timestamp,
    message: options.message ?? null,
    stateDetails,
    data: options.data ?? null,
  };
}
