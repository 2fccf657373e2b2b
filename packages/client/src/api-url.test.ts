import { WeftError } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { toApiUrl } from './api-url';

describe('toApiUrl', () => {
  it.each([
    ['http://127.0.0.1:4200', 'http://127.0.0.1:4200/api'],
    ['http://127.0.0.1:4200/', 'http://127.0.0.1:4200/api'],
    ['http://127.0.0.1:4200/api', 'http://127.0.0.1:4200/api'],
    ['https://weft.example.com/api/', 'https://weft.example.com/api'],
    ['https://example.com/weft', 'https://example.com/weft/api'],
  ])('turns %s into %s', (url, expected) => {
    expect(toApiUrl(url)).toBe(expected);
  });

  it('rejects a url without http(s) with a CONFIG error', () => {
    expect(() => toApiUrl('127.0.0.1:4200')).toThrow(WeftError);
    expect(() => toApiUrl('127.0.0.1:4200')).toThrow(/must start with http/);
  });
});
