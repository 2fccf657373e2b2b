import { format } from 'node:util';
import { findRunContext } from '../context/run-context';

type ConsoleMethod = 'log' | 'info' | 'debug' | 'warn' | 'error';

const LEVELS: Record<ConsoleMethod, 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR'> = {
  log: 'INFO',
  info: 'INFO',
  debug: 'DEBUG',
  warn: 'WARNING',
  error: 'ERROR',
};

const INSTALLED = Symbol.for('weft.logPrints.installed');

/**
 * Route `console.*` output of runs with `logPrints: true` to their run logger, as Prefect's
 * `log_prints` routes `print`. The console is patched once per process; the patch looks up the
 * current run through AsyncLocalStorage, so other code and runs without `logPrints` are untouched
 * (their output still reaches the terminal unchanged). @internal
 */
export function installLogPrints(): void {
  const holder = globalThis as unknown as Record<symbol, boolean>;
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  for (const method of Object.keys(LEVELS) as ConsoleMethod[]) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const context = findRunContext();
      const run = context?.taskRun ?? context?.flowRun;
      if (!run?.logPrints) {
        original(...args);
        return;
      }
      // The run logger prints to stderr itself, so the line is not printed twice.
      run.logger.log(LEVELS[method], format(...args));
    };
  }
}
