// The elementwise loops' fast paths (same shape, scalar sides, trailing and column operands) against a plain
// broadcasting reference, for every arithmetic operator and the generic callback loop.
import { describe, expect, it } from 'vitest';
import { arith, binary, relu, reluGrad, type ArithCode } from '../../src/kernels/elementwise.js';
import { broadcastShapes, sizeOf, type Shape } from '../../src/_internal/shape.js';

function values(n: number, seed: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + seed) * 3 + (seed === 2 ? 4 : 0));
}

/** out[idx] = f(a[idx mapped], b[idx mapped]) by explicit index arithmetic. */
function reference(a: Float64Array, as: Shape, b: Float64Array, bs: Shape, f: (x: number, y: number) => number): Float64Array {
  const os = broadcastShapes(as, bs, 'test');
  const out = new Float64Array(sizeOf(os));
  const at = (data: Float64Array, s: Shape, idx: number[]): number => {
    let off = 0;
    for (let d = 0; d < s.length; d++) off = off * (s[d] as number) + ((s[d] as number) === 1 ? 0 : (idx[os.length - s.length + d] as number));
    return data[off] as number;
  };
  for (let i = 0; i < out.length; i++) {
    const idx: number[] = [];
    let r = i;
    for (let d = os.length - 1; d >= 0; d--) {
      idx[d] = r % (os[d] as number);
      r = Math.floor(r / (os[d] as number));
    }
    out[i] = f(at(a, as, idx), at(b, bs, idx));
  }
  return out;
}

const OPS: Array<[ArithCode, (x: number, y: number) => number]> = [
  ['add', (x, y) => x + y], ['sub', (x, y) => x - y], ['mul', (x, y) => x * y], ['div', (x, y) => x / y],
];
const PAIRS: Array<[Shape, Shape]> = [
  [[3, 4], [3, 4]], [[3, 4], []], [[], [3, 4]], [[3, 4], [4]], [[4], [3, 4]], [[1, 4], [3, 4]],
  [[3, 4], [3, 1]], [[3, 1], [3, 4]], [[2, 3, 4], [2, 3, 1]], [[2, 3, 4], [2, 1, 1]], [[2, 1, 4], [2, 3, 4]],
  [[2, 3, 4], [3, 1]], [[1, 3, 4], [3, 1]], [[3, 1], [1, 4]], [[5], [1]], [[2, 3, 1], [2, 3, 4]],
];

describe('elementwise kernels', () => {
  it.each(PAIRS)('arith and binary on %j ∘ %j match the broadcasting reference', (as, bs) => {
    const a = values(sizeOf(as), 1);
    const b = values(sizeOf(bs), 2);
    const os = broadcastShapes(as, bs, 'test');
    for (const [code, f] of OPS) {
      const expected = reference(a, as, b, bs, f);
      const viaArith = arith(code, a, as, b, bs, new Float64Array(sizeOf(os)), os);
      const viaBinary = binary(a, as, b, bs, new Float64Array(sizeOf(os)), os, f);
      for (let i = 0; i < expected.length; i++) {
        expect(Math.abs((viaArith[i] as number) - (expected[i] as number)), `${code} at ${i}`).toBeLessThanOrEqual(1e-12);
        expect(Math.abs((viaBinary[i] as number) - (expected[i] as number)), `${code} (binary) at ${i}`).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('relu keeps NaN and gives +0 for negatives and −0; the mask is 1 only above 0', () => {
    const x = new Float64Array([-2, -0, 0, 3, NaN, -Infinity, Infinity]);
    const r = relu(x, new Float64Array(x.length));
    expect(Array.from(r).map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual(['0', '0', '0', '3', 'NaN', '0', 'Infinity']);
    // relu's backward selects g where x > 0: 0 elsewhere, whatever g is there (NaN, ±Infinity)
    const g = new Float64Array([NaN, Infinity, -Infinity, 2, 5, NaN, -7]);
    const d = reluGrad(g, x, new Float64Array(x.length));
    expect(Array.from(d).map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual(['0', '0', '0', '2', '0', '0', '-7']);
  });
});
