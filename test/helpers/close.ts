// Float comparison for tests: never toBe/toEqual on floats (−0 ≠ 0 under Object.is, rounding differs).
import { expect } from 'vitest';
import { isTensor, type NestedArray, type Tensor } from '../../src/index.js';

function flat(v: Tensor | NestedArray | ArrayLike<number>): number[] {
  if (isTensor(v)) return Array.from(v.data);
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return (v as NestedArray[]).flatMap((x) => flat(x));
  return Array.from(v as ArrayLike<number>);
}

/** Asserts |a − e| ≤ atol + rtol·|e| element-wise (and equal shapes when both are tensors). NaN matches NaN; ±Infinity must match exactly. */
export function expectClose(
  actual: Tensor | NestedArray | ArrayLike<number>,
  expected: Tensor | NestedArray | ArrayLike<number>,
  { atol = 1e-6, rtol = 1e-5 }: { atol?: number; rtol?: number } = {},
): void {
  if (isTensor(actual) && isTensor(expected)) expect(actual.shape).toEqual(expected.shape);
  if (isTensor(actual) && !isTensor(expected) && Array.isArray(expected)) {
    expect(actual.toArray(), 'nesting (shape) differs').toSatisfy((a: unknown) => sameNesting(a, expected));
  }
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length, 'number of elements').toBe(e.length);
  a.forEach((x, i) => {
    const y = e[i] as number;
    if (Number.isNaN(y) || !Number.isFinite(y)) {
      expect(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)) || x === y, `element ${i}: ${x} vs ${y}`).toBe(true);
      return;
    }
    const ok = Math.abs(x - y) <= atol + rtol * Math.abs(y);
    expect(ok, `element ${i}: got ${x}, expected ${y} (atol ${atol}, rtol ${rtol})`).toBe(true);
  });
}

function sameNesting(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (!Array.isArray(a) || !Array.isArray(b)) return true;
  return a.length === b.length && a.every((x, i) => sameNesting(x, b[i]));
}
