// Both kernel sets against a float64 reference: every transpose variant, odd sizes, offsets, both dtypes, mixed inputs.
import { afterEach, describe, expect, it } from 'vitest';
import { matmulTs } from '../../src/kernels/matmul-ts.js';
import { matmulWasm, wasmSimdAvailable } from '../../src/kernels/wasm/matmul-wasm.js';
import { availableBackends, getBackend, grad, InvalidArgumentError, matmul, setBackend, Tensor } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

type Kernel = typeof matmulTs;
const kernels: Array<[string, Kernel]> = [['ts', matmulTs]];
if (wasmSimdAvailable()) kernels.push(['wasm', (...args) => void expect(matmulWasm(...args)).toBe(true)]);

function reference(a: ArrayLike<number>, ta: boolean, b: ArrayLike<number>, tb: boolean, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i]! : a[i * k + p]!) * (tb ? b[j * k + p]! : b[p * n + j]!);
      c[i * n + j] = s;
    }
  }
  return c;
}

let seed = 12345;
function rand(size: number): Float64Array {
  return Float64Array.from({ length: size }, () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  });
}

const shapes: Array<[number, number, number]> = [
  [1, 1, 1], [1, 7, 1], [3, 5, 7], [4, 8, 8], [5, 1, 9], [17, 9, 13], [8, 300, 9], [65, 33, 70], [130, 7, 9], [2, 3, 0], [0, 3, 2], [3, 0, 4],
  [6, 20, 263], [3, 2, 256], [70, 260, 5], // wide B (packed panels), deep transposed A (copied transposed)
  [9, 17, 300], [1, 5, 256], // wide B with A packed in quads: a partial last quad, odd depth
];

describe.each(kernels)('matmul kernel %s', (_name, kernel) => {
  for (const Arr of [Float32Array, Float64Array]) {
    const tol = Arr === Float32Array ? { atol: 1e-4, rtol: 1e-4 } : { atol: 1e-12, rtol: 1e-12 };
    it.each(shapes)(`${Arr.name} m=%i k=%i n=%i, all four transpose variants, at offsets`, (m, k, n) => {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const a = rand(m * k);
          const b = rand(k * n);
          const expected = reference(new Arr(a), ta, new Arr(b), tb, m, k, n);
          // operands and result at offsets, with sentinels around C that must survive
          const aBuf = new Arr(m * k + 2);
          aBuf.set(a, 2);
          const bBuf = new Arr(k * n + 3);
          bBuf.set(b, 3);
          const c = new Arr(m * n + 2).fill(7);
          kernel(aBuf, 2, ta, bBuf, 3, tb, c, 1, m, k, n);
          expectClose(c.subarray(1, 1 + m * n), expected, tol);
          expect(c[0]).toBe(7);
          expect(c[m * n + 1]).toBe(7);
        }
      }
    });
  }

  it('computes float32 inputs into a float64 result (mixed dtypes promote)', () => {
    const [m, k, n] = [6, 11, 10];
    const a = new Float32Array(rand(m * k));
    const b = new Float64Array(rand(k * n));
    const c = new Float64Array(m * n);
    kernel(a, 0, false, b, 0, true, c, 0, m, k, n);
    expectClose(c, reference(a, false, b, true, m, k, n), { atol: 1e-12, rtol: 1e-12 });
  });

  it('propagates NaN from 0·∞ and 0·NaN (no zero skipping)', () => {
    const c = new Float64Array(2);
    kernel(new Float64Array([0, 0]), 0, false, new Float64Array([Infinity, 1, 1, NaN]), 0, false, c, 0, 1, 2, 2);
    expect(Number.isNaN(c[0]) && Number.isNaN(c[1])).toBe(true);
  });

  it('overwrites C rather than accumulating into it', () => {
    const c = new Float64Array(4).fill(100);
    kernel(new Float64Array([1, 2, 3, 4]), 0, false, new Float64Array([1, 0, 0, 1]), 0, false, c, 0, 2, 2, 2);
    expectClose(c, [1, 2, 3, 4]);
  });
});

describe('backend choice', () => {
  afterEach(() => setBackend((process.env.TINYGRAD_BACKEND as 'ts' | 'wasm' | undefined) ?? 'auto'));

  it('lists ts always, and wasm first when WebAssembly SIMD compiles (it does in Node 20)', () => {
    expect(availableBackends().at(-1)).toBe('ts');
    expect(availableBackends().includes('wasm')).toBe(wasmSimdAvailable());
    expect(wasmSimdAvailable()).toBe(true);
  });

  it('setBackend forces a kernel set and "auto" restores the automatic choice', () => {
    setBackend('ts');
    expect(getBackend()).toBe('ts');
    setBackend('auto');
    expect(getBackend()).toBe(availableBackends()[0]);
  });

  it('rejects an unknown backend name', () => {
    expect(() => setBackend('gpu' as never)).toThrow(InvalidArgumentError);
    expect(() => setBackend('gpu' as never)).toThrow(/setBackend: unknown backend "gpu"/);
  });

  it.each(availableBackends())('matmul and its gradient agree on backend %s (float32 and float64)', (backend) => {
    setBackend(backend);
    for (const dtype of ['float32', 'float64'] as const) {
      const a = Tensor.from(rand(6 * 5), { shape: [6, 5], dtype });
      const b = Tensor.from(rand(5 * 9), { shape: [5, 9], dtype });
      const tol = dtype === 'float32' ? { atol: 1e-5, rtol: 1e-4 } : { atol: 1e-12, rtol: 1e-12 };
      expectClose(matmul(a, b), reference(a.data, false, b.data, false, 6, 5, 9), tol);
      // d/dA sum(A·B) = 1·Bᵀ: every row of the gradient is B's row sums
      const dA = grad((x: Tensor) => matmul(x, b).sum())(a);
      const rowSums = Array.from({ length: 5 }, (_, p) => Array.from(b.data.subarray(p * 9, p * 9 + 9)).reduce((s, v) => s + v, 0));
      expectClose(dA, Array.from({ length: 6 }, () => rowSums), tol);
    }
  });
});
