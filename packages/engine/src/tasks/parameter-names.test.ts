import { describe, expect, it } from 'vitest';
import { bindParameters, parameterNames } from './parameter-names';

describe('parameterNames', () => {
  it('reads names of arrows, functions, defaults and rest parameters', () => {
    expect(parameterNames(async (a: number, b = 2) => a + b)).toEqual(['a', 'b']);
    expect(
      parameterNames(async function load(url: string, ...rest: unknown[]) {
        return [url, rest];
      }),
    ).toEqual(['url', '...rest']);
    expect(parameterNames(((x: number) => x) as never)).toEqual(['x']);
    expect(parameterNames((() => 1) as never)).toEqual([]);
  });

  it('gives destructured parameters no name', () => {
    expect(parameterNames(({ a }: { a: number }, [b]: number[]) => a + b!)).toEqual([null, null]);
    expect(parameterNames((a = { x: [1, 2] }, b = ')') => [a, b])).toEqual(['a', 'b']);
  });
});

describe('bindParameters', () => {
  it('binds by name, collects rest, and spreads a lone destructured object', () => {
    expect(bindParameters(['a', '...rest'], [1, 2, 3])).toEqual({ a: 1, rest: [2, 3] });
    expect(bindParameters([null], [{ n: 1, m: 2 }])).toEqual({ n: 1, m: 2 });
    expect(bindParameters([null, 'b'], [[1], 2])).toEqual({ arg0: [1], b: 2 });
  });
});
