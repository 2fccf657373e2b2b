import type { RunLogger } from '../logging/run-logger';

/** A hook option: one function or a list. @internal */
export type HookOption<THook> = THook | readonly THook[] | undefined;

/**
 * Run state hooks in order. A hook that throws is logged and skipped: hooks never change a run's
 * outcome (reference §3.1). @internal
 */
export async function runHooks<TArgs extends unknown[]>(
  hooks: HookOption<(...args: TArgs) => unknown>,
  args: TArgs,
  options: { kind: string; logger: RunLogger | (() => RunLogger) },
): Promise<void> {
  if (!hooks) return;
  const logger = () => (typeof options.logger === 'function' ? options.logger() : options.logger);
  const list = (Array.isArray(hooks) ? hooks : [hooks]) as ((...args: TArgs) => unknown)[];
  for (const hook of list) {
    try {
      await hook(...args);
    } catch (error) {
      const name = hook.name || 'anonymous';
      logger().error(`An error was encountered while running ${options.kind} hook '${name}'`, error);
    }
  }
}
