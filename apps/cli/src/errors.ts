import { WeftError, type WeftErrorCode, type WeftErrorOptions } from '@weft/schemas';

/**
 * An error the CLI reports as one clean line (no stack unless `WEFT_DEBUG=1`), then exits with
 * `exitCode`.
 */
export class CliError extends WeftError {
  /** The process exit code. @default 1 */
  readonly exitCode: number;

  constructor(message: string, options: WeftErrorOptions & { code?: WeftErrorCode; exitCode?: number } = {}) {
    super(options.code ?? 'CONFIG', message, options);
    this.exitCode = options.exitCode ?? 1;
  }
}

/**
 * Thrown by a command that already printed its outcome and only needs a non-zero exit code (a
 * flow run that failed, a cancel that was refused).
 */
export class ExitError extends Error {
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
    this.exitCode = exitCode;
  }
}
