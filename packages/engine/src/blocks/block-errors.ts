import { WeftError, type WeftErrorCode } from '@weft/schemas';

/**
 * A block could not be loaded, saved or used. The message names the block (`secret/github-token`)
 * and, for invalid data, the field; it never holds the block's data, so secrets stay out of logs.
 */
export class BlockError extends WeftError {
  /** The block, as `type-slug/name`. */
  readonly block: string;

  constructor(code: WeftErrorCode, block: string, message: string) {
    super(code, message);
    this.block = block;
  }
}
