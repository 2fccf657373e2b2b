import { SerializedError, WeftError } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import {
  fromSerializedError,
  MAX_ERROR_MESSAGE_LENGTH,
  MAX_ERROR_STACK_LENGTH,
  toSerializedError,
} from './serialize-error';

class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    public status: number,
  ) {
    super(message);
  }
}

describe('toSerializedError', () => {
  it('serializes JavaScript error classes as builtin', () => {
    const s = toSerializedError(new TypeError('x is undefined'));
    expect(s).toMatchObject({ kind: 'builtin', name: 'TypeError', message: 'x is undefined' });
    expect(s.kind === 'builtin' && s.stack).toContain('TypeError: x is undefined');
    expect(toSerializedError(new Error('plain'))).toMatchObject({ kind: 'builtin', name: 'Error' });
  });

  it('serializes an AbortSignal abort as a builtin AbortError', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toSerializedError(controller.signal.reason)).toMatchObject({
      kind: 'builtin',
      name: 'AbortError',
    });
  });

  it('serializes user subclasses as custom with their own fields as data', () => {
    expect(toSerializedError(new HttpError('not found', 404))).toMatchObject({
      kind: 'custom',
      name: 'HttpError',
      message: 'not found',
      data: { status: 404 },
    });
  });

  it('names a subclass that never set name after its class', () => {
    class QuotaExceeded extends Error {}
    expect(toSerializedError(new QuotaExceeded('over'))).toMatchObject({
      kind: 'custom',
      name: 'QuotaExceeded',
    });
  });

  it('serializes WeftErrors as internal with their code', () => {
    expect(toSerializedError(new WeftError('TIMEOUT', 'too slow'))).toMatchObject({
      kind: 'internal',
      code: 'TIMEOUT',
      message: 'too slow',
    });
  });

  it('serializes thrown strings, numbers, objects and undefined as string', () => {
    expect(toSerializedError('boom')).toEqual({ kind: 'string', message: 'boom' });
    expect(toSerializedError(42)).toEqual({ kind: 'string', message: '42' });
    expect(toSerializedError({ message: 'from object' })).toEqual({ kind: 'string', message: 'from object' });
    expect(toSerializedError({ code: 7 })).toEqual({ kind: 'string', message: '{"code":7}' });
    expect(toSerializedError(undefined)).toEqual({ kind: 'string', message: 'undefined' });
  });

  it('truncates huge messages and stacks', () => {
    const error = new Error('m'.repeat(MAX_ERROR_MESSAGE_LENGTH * 2));
    const s = toSerializedError(error);
    expect(s.message.length).toBeLessThan(MAX_ERROR_MESSAGE_LENGTH + 50);
    expect(s.message).toMatch(/more characters\)$/);
    expect(s.kind === 'builtin' && s.stack!.length).toBeLessThan(MAX_ERROR_STACK_LENGTH + 50);
  });

  it('summarises the cause chain after the stack', () => {
    const root = new RangeError('disk full');
    const error = new Error('write failed', { cause: new Error('flush failed', { cause: root }) });
    const s = toSerializedError(error);
    expect(s.kind === 'builtin' && s.stack).toMatch(
      /\[cause\]: Error: flush failed\n\[cause\]: RangeError: disk full$/,
    );
  });

  it('always produces a value the SerializedError schema accepts', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad = Object.assign(new HttpError('x', 1), { fn: () => 1, big: 1n });
    for (const thrown of [new TypeError('t'), bad, 'str', null, cyclic, new WeftError('CONFIG', 'c')]) {
      expect(SerializedError.safeParse(toSerializedError(thrown)).success).toBe(true);
    }
  });
});

describe('fromSerializedError', () => {
  it('re-creates a builtin error of the same class with the original stack', () => {
    const original = new RangeError('out of range');
    const error = fromSerializedError(toSerializedError(original));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe('out of range');
    expect(error.stack).toBe(original.stack);
  });

  it('re-creates a custom error with its name and data fields', () => {
    const error = fromSerializedError(toSerializedError(new HttpError('nope', 503)));
    expect(error.name).toBe('HttpError');
    expect(error.message).toBe('nope');
    expect((error as Error & { status: number }).status).toBe(503);
  });

  it('re-creates an internal error as a WeftError with its code', () => {
    const error = fromSerializedError({ kind: 'internal', code: 'TIMEOUT', message: 'slow' });
    expect(error).toBeInstanceOf(WeftError);
    expect((error as WeftError).code).toBe('TIMEOUT');
  });

  it('re-creates a thrown string as an Error with that message', () => {
    const error = fromSerializedError({ kind: 'string', message: 'boom' });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('boom');
  });

  it('still returns an Error for data that is not a serialized error', () => {
    expect(fromSerializedError({ nope: true } as never).message).toMatch(/unreadable error/);
  });
});
