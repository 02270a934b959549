// Index of the maximum along one axis, viewing the tensor as [outer, n, inner].
import type { TypedArray } from '../dtype.js';

/** out[o, i] = the first k maximising x[o, k, i]; a NaN counts as the maximum (NumPy's rule). Requires n ≥ 1. */
export function argmaxAxis(x: TypedArray, outer: number, n: number, inner: number, out: TypedArray): TypedArray {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let best = 0;
      let m = x[base] as number;
      for (let k = 1; k < n && m === m; k++) {
        const v = x[base + k * inner] as number;
        if (v > m || v !== v) {
          m = v;
          best = k;
        }
      }
      out[o * inner + i] = best;
    }
  }
  return out;
}
