// Reached only through a deployment's `setWorkingDirectory` pull step in the tests.
import { flow } from '@weft/engine';

export const pulled = flow('sum-doubled', async (a: number, b: number) => ({ total: a * 100 + b }));
