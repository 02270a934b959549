// Reductions along one axis, viewing the tensor as [outer, n, inner].
import type { TypedArray } from '../dtype.js';
import { useWasmForValues } from './backend.js';
import { colSumWasm } from './wasm/elementwise-wasm.js';

/** out[o, i] = Σ_k x[o, k, i]. `out` has outer·inner elements and must start zeroed. */
export function sumAxis(x: TypedArray, outer: number, n: number, inner: number, out: TypedArray): TypedArray {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let acc = 0;
      const base = o * n;
      for (let k = 0; k < n; k++) acc += x[base + k] as number;
      out[o] = acc;
    }
    return out;
  }
  if (outer === 1 && useWasmForValues(x.length) && colSumWasm(x, n, out)) return out; // a bias's gradient
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    for (let k = 0; k < n; k++) {
      const base = (o * n + k) * inner;
      for (let i = 0; i < inner; i++) acc[i] = (acc[i] as number) + (x[base + i] as number);
    }
    out.set(acc, o * inner);
  }
  return out;
}

/** out[o, i] = max_k x[o, k, i]; NaN propagates. Requires n ≥ 1. */
export function maxAxis(x: TypedArray, outer: number, n: number, inner: number, out: TypedArray): TypedArray {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let m = -Infinity;
      for (let k = 0; k < n; k++) {
        const v = x[(o * n + k) * inner + i] as number;
        if (v > m || v !== v) {
          m = v;
          if (v !== v) break;
        }
      }
      out[o * inner + i] = m;
    }
  }
  return out;
}
