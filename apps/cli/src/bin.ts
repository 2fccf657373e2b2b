#!/usr/bin/env node
import { ExitError } from './errors';
import { createProgram } from './program';

/** One line for a person: the error's message (the stack only with `WEFT_DEBUG=1`). */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

async function main(): Promise<void> {
  // `weft flow-run ls | head -1` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await createProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof ExitError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`error: ${describe(error)}\n`);
    if (process.env.WEFT_DEBUG === '1' && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    const code = (error as { exitCode?: unknown }).exitCode;
    process.exitCode = typeof code === 'number' && code > 0 ? code : 1;
  }
}

await main();
