// The WebAssembly elementwise functions against the TypeScript loops, value for value (Object.is): +, −, ×, ÷ and
// max are exactly rounded in both, and the sum over rows adds in float64 in row order in both. Lengths that are not
// whole vectors exercise the scalar tails; float32 exercises the widening and rounding.
import { describe, expect, it } from 'vitest';
import { arithWasm, colSumWasm, reluGradWasm, reluWasm } from '../../src/kernels/wasm/elementwise-wasm.js';
import { elementwiseModuleBytes } from '../../src/kernels/wasm/elementwise-module.js';
import { matmulModuleBytes } from '../../src/kernels/wasm/matmul-module.js';
import { MAX_PAGES, wasmSimdAvailable } from '../../src/kernels/wasm/matmul-wasm.js';

type Arr = Float32Array | Float64Array;
type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;

function values(Arr: Ctor, n: number, seed: number): Arr {
  const a = new Arr(n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(i * 1.37 + seed) * 10 ** ((i % 7) - 3);
  // the special values every kernel must carry through
  if (n > 5) a.set([0, -0, NaN, Infinity, -Infinity].slice(0, Math.min(5, n - 1)), 1);
  return a;
}

const same = (x: Arr, y: Arr): boolean => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
const OPS = { add: (x: number, y: number) => x + y, sub: (x: number, y: number) => x - y, mul: (x: number, y: number) => x * y, div: (x: number, y: number) => x / y };

it('each generated module stays under the 4 KiB that browsers compile synchronously on the main thread', () => {
  for (const bytes of [matmulModuleBytes(), elementwiseModuleBytes(), matmulModuleBytes(MAX_PAGES), elementwiseModuleBytes(MAX_PAGES)]) {
    expect(bytes.length).toBeLessThanOrEqual(4096);
  }
});

describe.runIf(wasmSimdAvailable())('WebAssembly elementwise kernels', () => {
  const shapes: Array<[number, number]> = [[1, 1], [1, 3], [3, 5], [7, 4], [100, 100], [13, 10], [2, 1027]];
  for (const Arr of [Float32Array, Float64Array]) {
    const dt = Arr === Float32Array ? 'float32' : 'float64';
    it(`+ − × ÷ on equal shapes and against a repeated row equal the TypeScript loop (${dt})`, () => {
      for (const [rows, cols] of shapes) {
        const a = values(Arr, rows * cols, 1);
        const full = values(Arr, rows * cols, 2);
        const row = values(Arr, cols, 3);
        for (const [code, f] of Object.entries(OPS) as Array<[keyof typeof OPS, (x: number, y: number) => number]>) {
          for (const repeats of [false, true]) {
            const b = repeats ? row : full;
            const out = new Arr(rows * cols);
            expect(arithWasm(code, a, b, out, rows, cols, repeats)).toBe(true);
            const want = new Arr(rows * cols);
            for (let i = 0; i < rows * cols; i++) want[i] = f(a[i] as number, b[repeats ? i % cols : i] as number);
            expect(same(out, want), `${code} ${rows}×${cols}${repeats ? ' (row repeated)' : ''}`).toBe(true);
          }
        }
      }
    });

    it(`relu and its backward equal the TypeScript loop, NaN and −0 included (${dt})`, () => {
      for (const n of [1, 3, 4, 9, 10_000, 10_003]) {
        const x = values(Arr, n, 4);
        const g = values(Arr, n, 5);
        const r = new Arr(n);
        expect(reluWasm(x, r)).toBe(true);
        expect(same(r, x.map((v) => Math.max(v, 0)) as Arr), `relu n=${n}`).toBe(true);
        const d = new Arr(n);
        expect(reluGradWasm(g, x, d)).toBe(true);
        expect(same(d, x.map((v, i) => (v > 0 ? (g[i] as number) : 0)) as Arr), `relu backward n=${n}`).toBe(true);
      }
    });

    it(`the sum over rows adds in float64 in row order, as the TypeScript loop (${dt})`, () => {
      for (const [rows, cols] of [...shapes, [1000, 6]] as Array<[number, number]>) {
        const x = values(Arr, rows * cols, 6);
        const out = new Arr(cols);
        expect(colSumWasm(x, rows, out)).toBe(true);
        const acc = new Float64Array(cols);
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) acc[j] = (acc[j] as number) + (x[i * cols + j] as number);
        expect(same(out, Arr.from(acc)), `${rows}×${cols}`).toBe(true);
      }
    });
  }

  it('converts operands of another dtype as the TypeScript loop does (float32 operand, float64 result)', () => {
    const a = values(Float32Array, 37, 7);
    const b = values(Float64Array, 37, 8);
    const out = new Float64Array(37);
    expect(arithWasm('mul', a, b, out, 1, 37, false)).toBe(true);
    expect(same(out, Float64Array.from(a, (v, i) => v * (b[i] as number)))).toBe(true);
  });
});
