// Properties with a reference: on valid random inputs (0-sized dims, scalars, both dtypes, IEEE specials) the result
// has NumPy's shape and the reference values; on mismatched shapes the error is a ShapeError naming both shapes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AxisError, type DType, ShapeError, Tensor, grad, matmul, max, mean, sum } from '../../../src/index.js';
import { dtypeArb, noOverflowValueArb, runs as scaled, shapeArb, size, tensorOf } from './arbitraries.js';

export const CORRECTNESS_RUNS = 300;
const runs = { numRuns: scaled(CORRECTNESS_RUNS) };

/** Equal as floats: both NaN, identical infinities, or within a relative 1e-12 (float64) / 1e-6 (float32). */
function close(a: number, b: number, rtol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= rtol * Math.max(1, Math.abs(b));
}
function expectValues(t: Tensor, ref: ArrayLike<number>, rtol: number): void {
  expect(t.size).toBe(ref.length);
  for (let i = 0; i < ref.length; i++) {
    if (!close(t.data[i] as number, ref[i] as number, rtol)) throw new Error(`element ${i}: ${t.data[i]} vs reference ${ref[i]}`);
  }
}
const rtolOf = (d: DType): number => (d === 'float64' ? 1e-12 : 1e-6);
const round = (d: DType, v: number): number => (d === 'float32' ? Math.fround(v) : v);

function broadcastShape(a: number[], b: number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}
/** Flat index into `shape` (right-aligned, broadcast) of the out-index `idx`. */
function offsetIn(shape: readonly number[], idx: number[]): number {
  let off = 0;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i] as number;
    off = off * d + (d === 1 ? 0 : (idx[idx.length - shape.length + i] as number));
  }
  return off;
}
function* indices(shape: readonly number[]): Generator<number[]> {
  if (size(shape) === 0) return;
  const idx = shape.map(() => 0);
  for (;;) {
    yield idx.slice();
    let d = shape.length - 1;
    while (d >= 0 && ++idx[d]! === shape[d]) idx[d--] = 0;
    if (d < 0) return;
  }
}

/** A pair of shapes that broadcast: dims of `base`, each side dropping leading dims or replacing some with 1. */
const broadcastPairArb = shapeArb.chain((base) =>
  fc.tuple(
    fc.tuple(fc.nat({ max: base.length }), fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length })),
    fc.tuple(fc.nat({ max: base.length }), fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length })),
  ).map(([[da, ma], [db, mb]]) => [base.slice(da).map((d, i) => (ma[i + da] ? 1 : d)), base.slice(db).map((d, i) => (mb[i + db] ? 1 : d))] as const),
);

const binaryOps: Array<[string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number]> = [
  ['add', (a, b) => a.add(b), (x, y) => x + y],
  ['sub', (a, b) => a.sub(b), (x, y) => x - y],
  ['mul', (a, b) => a.mul(b), (x, y) => x * y],
  ['div', (a, b) => a.div(b), (x, y) => x / y],
  ['pow', (a, b) => a.pow(b), Math.pow],
];

describe('fuzz: results against a reference', () => {
  it.each(binaryOps)('%s broadcasts like NumPy and computes each element like the scalar op (IEEE specials included)', (_name, op, ref) => {
    fc.assert(
      fc.property(broadcastPairArb.chain(([sa, sb]) => fc.tuple(tensorOf(fc.constant([...sa])), tensorOf(fc.constant([...sb])))), ([a, b]) => {
        const out = op(a, b);
        const shape = broadcastShape([...a.shape], [...b.shape]) as number[];
        expect(out.shape).toEqual(shape);
        const dtype: DType = a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'float32';
        expect(out.dtype).toBe(dtype);
        const expected = [...indices(shape)].map((idx) => round(dtype, ref(a.data[offsetIn(a.shape, idx)] as number, b.data[offsetIn(b.shape, idx)] as number)));
        expectValues(out, expected, rtolOf(dtype));
      }),
      runs,
    );
  });

  it.each(binaryOps)('%s of shapes that do not broadcast is a ShapeError naming the op and both shapes', (name, op) => {
    fc.assert(
      fc.property(shapeArb, shapeArb, (sa, sb) => {
        fc.pre(broadcastShape(sa, sb) === null);
        const [a, b] = [Tensor.zeros(sa), Tensor.zeros(sb)];
        expect(() => op(a, b)).toThrow(ShapeError);
        expect(() => op(a, b)).toThrow(`${name}: shapes [${sa.join(', ')}] and [${sb.join(', ')}] cannot be broadcast`);
      }),
      runs,
    );
  });

  it('sum/mean/max over random axes (keepdims or not) match a reference; bad axes are AxisErrors', () => {
    const axesArb = fc.oneof(fc.constant(undefined), fc.integer({ min: -5, max: 5 }), fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 4 }));
    fc.assert(
      // (no ±1e308: an intermediate overflow makes Inf + (−Inf) = NaN in one summation order and Inf in another)
      fc.property(tensorOf(shapeArb, dtypeArb, noOverflowValueArb), axesArb, fc.boolean(), fc.constantFrom('sum', 'mean', 'max'), (x, axes, keepdims, which) => {
        const nd = x.ndim;
        const list = axes === undefined ? x.shape.map((_, i) => i) : (Array.isArray(axes) ? axes : [axes]);
        const valid = list.every((a) => a >= -nd && a < nd) && new Set(list.map((a) => (a < 0 ? a + nd : a))).size === list.length;
        const fn = { sum, mean, max }[which];
        if (!valid) {
          expect(() => fn(x, axes, { keepdims })).toThrow(AxisError);
          return;
        }
        const red = new Set(list.map((a) => (a < 0 ? a + nd : a)));
        const emptyMax = which === 'max' && [...red].some((a) => x.shape[a] === 0);
        if (emptyMax) {
          expect(() => fn(x, axes, { keepdims })).toThrow(ShapeError);
          return;
        }
        const out = fn(x, axes, { keepdims });
        const kept = x.shape.map((d, i) => (red.has(i) ? 1 : d));
        expect(out.shape).toEqual(keepdims ? kept : x.shape.filter((_, i) => !red.has(i)));
        const acc: number[][] = Array.from({ length: size(kept) }, () => []);
        for (const idx of indices(x.shape)) acc[offsetIn(kept, idx.map((v, i) => (red.has(i) ? 0 : v)))]!.push(x.data[offsetIn(x.shape, idx)] as number);
        const expected = acc.map((vs) => {
          if (which === 'max') return vs.some(Number.isNaN) ? NaN : Math.max(...vs);
          const s = vs.reduce((p, v) => p + v, 0);
          return round(x.dtype, which === 'sum' ? s : s / vs.length);
        });
        // summation order differs from the kernel's: compare with a tolerance scaled by the magnitudes summed
        const tol = x.dtype === 'float64' ? 1e-9 : 1e-4;
        expectValues(out, expected, tol);
      }),
      runs,
    );
  });

  it('matmul follows NumPy shapes (1-D, 2-D, broadcast batches, 0-sized) and the naive triple loop', () => {
    const dims = fc.integer({ min: 0, max: 3 });
    const caseArb = fc.tuple(dims, dims, dims, fc.constantFrom(0, 1, 2), fc.constantFrom(0, 1, 2), fc.array(fc.constantFrom(1, 2), { maxLength: 2 }), fc.array(fc.constantFrom(1, 2), { maxLength: 2 }));
    fc.assert(
      fc.property(caseArb.chain(([m, k, n, ra, rb, ba, bb]) => {
        const sa = ra === 1 ? [k] : [...ba, m, k];
        const sb = rb === 1 ? [k] : [...bb, k, n];
        // Infinity and NaN stay (0·∞ must be NaN); finite ±1e308 go, since blocked kernels may overflow in another order
        return fc.tuple(tensorOf(fc.constant(sa), dtypeArb, noOverflowValueArb), tensorOf(fc.constant(sb), dtypeArb, noOverflowValueArb), fc.constant([ra === 1, rb === 1] as const));
      }), ([a, b, [va, vb]]) => {
        const batch = broadcastShape(va ? [] : [...a.shape.slice(0, -2)], vb ? [] : [...b.shape.slice(0, -2)]);
        if (batch === null) {
          expect(() => matmul(a, b)).toThrow(ShapeError);
          return;
        }
        const out = matmul(a, b);
        const m = va ? 1 : (a.shape[a.ndim - 2] as number);
        const k = a.shape[a.ndim - 1] as number;
        const n = vb ? 1 : (b.shape[b.ndim - 1] as number);
        expect(out.shape).toEqual([...batch, ...(va ? [] : [m]), ...(vb ? [] : [n])]);
        const a3 = va ? [1, k] : [...a.shape];
        const b3 = vb ? [k, 1] : [...b.shape];
        const expected: number[] = [];
        for (const bi of indices(batch)) {
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
            let acc = 0;
            for (let p = 0; p < k; p++) {
              acc += (a.data[offsetIn(a3, [...bi, i, p])] as number) * (b.data[offsetIn(b3, [...bi, p, j])] as number);
            }
            expected.push(acc);
          }
        }
        const dtype: DType = a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'float32';
        expectValues(out, expected.map((v) => round(dtype, v)), dtype === 'float64' ? 1e-9 : 1e-4);
      }),
      runs,
    );
  });

  it('reshape with a random -1 keeps the data; permute matches the index map', () => {
    fc.assert(
      fc.property(tensorOf(shapeArb), fc.integer({ min: 0, max: 1000 }), (x, seed) => {
        const perm = x.shape.map((_, i) => i).sort((p, q) => ((p * 7919 + seed) % 13) - ((q * 7919 + seed) % 13));
        const y = x.permute(perm);
        expect(y.shape).toEqual(perm.map((p) => x.shape[p]));
        const expected = [...indices(y.shape)].map((idx) => {
          const src = new Array<number>(x.ndim);
          perm.forEach((p, i) => (src[p] = idx[i] as number));
          return x.data[offsetIn(x.shape, src)] as number;
        });
        expectValues(y, expected, 0);
        if (x.size > 0 && x.ndim > 0) {
          const r = x.reshape([-1, ...x.shape.slice(1)]);
          expect(r.shape).toEqual(x.shape);
          const flat = x.reshape([-1]);
          expect(flat.shape).toEqual([x.size]);
          expectValues(flat, x.data, 0);
        }
      }),
      runs,
    );
  });

  it('Tensor.from of random nested arrays infers the shape; a ragged or mixed-depth array is a ShapeError naming Tensor.from', () => {
    const nest = (vals: number[], shape: number[]): unknown => {
      if (shape.length === 0) return vals[0];
      const [d, ...rest] = shape as [number, ...number[]];
      const step = size(rest);
      return Array.from({ length: d }, (_, i) => nest(vals.slice(i * step, (i + 1) * step), rest));
    };
    fc.assert(
      fc.property(shapeArb.filter((s) => s.every((d) => d > 0)), fc.boolean(), fc.nat(), (shape, spoil, at) => {
        const vals = Array.from({ length: size(shape) }, (_, i) => i - 3.5);
        const nested = nest(vals, shape);
        if (!spoil || shape.length === 0) {
          const t = Tensor.from(nested as number[]);
          expect(t.shape).toEqual(shape);
          expectValues(t, vals, 0);
          return;
        }
        // make it ragged: give one innermost row an extra element, or replace a number with an array
        let row = nested as unknown[];
        for (let d = 0; d < shape.length - 1; d++) row = row[at % row.length] as unknown[];
        if (at % 2 === 0 && size(shape.slice(0, -1)) >= 2) row.push(1);
        else row.push([1]);
        expect(() => Tensor.from(nested as number[])).toThrow(ShapeError);
        expect(() => Tensor.from(nested as number[])).toThrow(/^Tensor\.from: ragged nested array/);
      }),
      runs,
    );
  });

  it('gradients always have their input shape and dtype, through broadcasting and any op chain', () => {
    const unaryChain = fc.array(fc.constantFrom('exp', 'tanh', 'sigmoid', 'relu', 'abs', 'neg', 'softmax', 'logSoftmax', 'square'), { maxLength: 4 });
    fc.assert(
      fc.property(broadcastPairArb.chain(([sa, sb]) => fc.tuple(tensorOf(fc.constant([...sa])), tensorOf(fc.constant([...sb])))), unaryChain, fc.constantFrom('add', 'mul', 'sub', 'div'), ([a, b], chain, bin) => {
        const f = (x: Tensor, y: Tensor): Tensor => {
          let z = (x as unknown as Record<string, (t: Tensor) => Tensor>)[bin]!.call(x, y);
          for (const u of chain) {
            if ((u === 'softmax' || u === 'logSoftmax') && z.ndim === 0) continue;
            z = u === 'square' ? z.mul(z) : (z as unknown as Record<string, () => Tensor>)[u]!.call(z);
          }
          return z.sum();
        };
        const [ga, gb] = grad(f, { argnums: [0, 1] })(a, b) as [Tensor, Tensor];
        expect(ga.shape).toEqual(a.shape);
        expect(gb.shape).toEqual(b.shape);
        expect([ga.dtype, gb.dtype]).toEqual([a.dtype, b.dtype]);
      }),
      runs,
    );
  });

  it('grad with any argnums list (repeats included) gives, per entry, the gradient for that argument alone', () => {
    const threeArb = shapeArb.chain((s) => fc.tuple(tensorOf(fc.constant(s)), tensorOf(fc.constant(s)), tensorOf(fc.constant(s))));
    fc.assert(
      fc.property(threeArb, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 5 }), ([a, b, c], argnums) => {
        const f = (x: Tensor, y: Tensor, z: Tensor): Tensor => x.mul(y).add(z.tanh()).sum();
        const all = grad(f, { argnums })(a, b, c) as unknown as Tensor[];
        expect(all.length).toBe(argnums.length);
        argnums.forEach((i, k) => {
          const alone = grad(f, { argnums: i })(a, b, c);
          const got = all[k] as Tensor;
          expect(got.shape).toEqual(alone.shape);
          expectValues(got, alone.data, 0);
        });
      }),
      runs,
    );
  });

  it('unary ops compute each element like Math (NaN, ±Infinity, ±0 included)', () => {
    const ops: Array<[string, (v: number) => number]> = [
      ['exp', Math.exp], ['log', Math.log], ['sqrt', Math.sqrt], ['abs', Math.abs], ['tanh', Math.tanh], ['neg', (v) => -v],
      ['relu', (v) => (Number.isNaN(v) ? NaN : Math.max(v, 0))], ['sigmoid', (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)))],
    ];
    fc.assert(
      fc.property(tensorOf(shapeArb), fc.constantFrom(...ops), (x, [name, ref]) => {
        const y = (x as unknown as Record<string, () => Tensor>)[name]!.call(x);
        expect(y.shape).toEqual(x.shape);
        expectValues(y, Array.from(x.data, (v) => round(x.dtype, ref(v))), x.dtype === 'float64' ? 1e-15 : 1e-7);
      }),
      runs,
    );
  });
});

