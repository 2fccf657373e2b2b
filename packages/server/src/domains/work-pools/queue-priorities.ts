/** A queue's id and priority. */
export interface QueuePriority {
  id: string;
  priority: number;
}

/**
 * The first priority no queue holds, counting from 1 (`{1, 2, 4}` → 3; `{}` → 1).
 */
export function firstFreePriority(priorities: Iterable<number>): number {
  const taken = new Set(priorities);
  let candidate = 1;
  while (taken.has(candidate)) candidate++;
  return candidate;
}

/**
 * Give one queue `priority` and shift the others only as far as needed to keep every priority
 * distinct and the others' order unchanged (reference §5.2): queues at or after the new priority
 * move down by one while they collide; a gap stops the shift.
 *
 * @param others the pool's other queues (not the one being placed)
 * @returns the queues whose priority changes, with their new priority
 * @example
 * shiftPriorities([{id:'b',priority:2},{id:'c',priority:3},{id:'d',priority:5}], 2)
 * // → [{id:'b',priority:3},{id:'c',priority:4}]  (d keeps 5)
 */
export function shiftPriorities(others: readonly QueuePriority[], priority: number): QueuePriority[] {
  const sorted = [...others].filter((q) => q.priority >= priority).sort((a, b) => a.priority - b.priority);
  const changes: QueuePriority[] = [];
  let taken = priority;
  for (const queue of sorted) {
    if (queue.priority > taken) break;
    taken += 1;
    changes.push({ id: queue.id, priority: taken });
  }
  return changes;
}
