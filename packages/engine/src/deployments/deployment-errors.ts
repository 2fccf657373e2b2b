import { WeftError, type WeftErrorCode, type WeftErrorOptions } from '@weft/schemas';

/** A deployment could not be registered, served or run (bad options, no entrypoint…). */
export class DeploymentError extends WeftError {
  constructor(message: string, options: WeftErrorOptions & { code?: WeftErrorCode } = {}) {
    super(options.code ?? 'CONFIG', message, options);
  }
}

/** A pull step failed; the message names the step and says what to do. Never holds a secret. */
export class PullStepError extends WeftError {
  /** The step's position in the list, from 0. */
  readonly stepIndex: number;
  /** The step's kind (`gitClone`…) and id when it has one, e.g. `gitClone 'clone'`. */
  readonly step: string;

  constructor(message: string, options: WeftErrorOptions & { stepIndex: number; step: string }) {
    super('CONFIG', message, options);
    this.stepIndex = options.stepIndex;
    this.step = options.step;
  }
}
