import { expect, it } from 'vitest';
import { generateRunName } from './run-names';

it('names a run adjective-animal, and names vary', () => {
  const names = new Set(Array.from({ length: 200 }, generateRunName));
  for (const name of names) expect(name).toMatch(/^[a-z]+-[a-z]+$/);
  expect(names.size).toBeGreaterThan(50);
});
