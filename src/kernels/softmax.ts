// Softmax family along one axis, viewing the tensor as [outer, n, inner]; max-shifted for stability.
import type { TypedArray } from '../dtype.js';

/** out = softmax(x) along the middle axis (`log` = true gives log-softmax). */
export function softmaxAxis(
  x: TypedArray, outer: number, n: number, inner: number, out: TypedArray, log: boolean,
): TypedArray {
  // each exp is computed once and kept in float64 until divided by the sum (the same values as computing it twice)
  const e = log ? null : scratch(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      const m = shift(x, base, n, inner);
      let s = 0;
      if (e) {
        for (let k = 0; k < n; k++) s += e[k] = Math.exp((x[base + k * inner] as number) - m);
        for (let k = 0; k < n; k++) out[base + k * inner] = (e[k] as number) / s;
      } else {
        for (let k = 0; k < n; k++) s += Math.exp((x[base + k * inner] as number) - m);
        const lse = m + Math.log(s);
        for (let k = 0; k < n; k++) out[base + k * inner] = (x[base + k * inner] as number) - lse;
      }
    }
  }
  return out;
}

/**
 * The largest of the n values x[base + k·stride], or 0 when that is not finite: the shift that keeps every
 * exponential ≤ 1 (a line holding ±Infinity or NaN is not shifted by it, and comes out NaN).
 */
function shift(x: TypedArray, base: number, n: number, stride: number): number {
  let m = -Infinity;
  for (let k = 0; k < n; k++) m = Math.max(m, x[base + k * stride] as number);
  return Number.isFinite(m) ? m : 0;
}

let exps = new Float64Array(64);
/** A float64 buffer of at least n values, reused across calls (kernels run one at a time). */
function scratch(n: number): Float64Array {
  if (exps.length < n) exps = new Float64Array(Math.max(n, 2 * exps.length));
  return exps;
}

/**
 * Per row r of logits z [rows×c] and targets t [rows×c]: loss[r] = Σ_j t[r,j]·(lse(z[r]) − z[r,j]).
 * Written as lse − z so that logits of ±1e4 stay finite.
 */
export function crossEntropyRows(z: TypedArray, t: TypedArray, rows: number, c: number, out: TypedArray): TypedArray {
  for (let r = 0; r < rows; r++) {
    const base = r * c;
    const m = shift(z, base, c, 1);
    let s = 0;
    for (let j = 0; j < c; j++) s += Math.exp((z[base + j] as number) - m);
    const lse = m + Math.log(s);
    let loss = 0;
    for (let j = 0; j < c; j++) {
      const tj = t[base + j] as number;
      if (tj !== 0) loss += tj * (lse - (z[base + j] as number));
    }
    out[r] = loss;
  }
  return out;
}

/**
 * Softmax cross-entropy's backward per row r of logits z [rows×c], targets t and upstream gradient g [rows]:
 * out[r,j] = g[r]·(softmax(z[r])_j·Σ_k t[r,k] − t[r,j]) — one pass, in float64 until the single rounding.
 */
export function crossEntropyGradRows(g: TypedArray, z: TypedArray, t: TypedArray, rows: number, c: number, out: TypedArray): TypedArray {
  const e = scratch(c);
  for (let r = 0; r < rows; r++) {
    const base = r * c;
    const m = shift(z, base, c, 1);
    let s = 0;
    let total = 0;
    for (let j = 0; j < c; j++) {
      s += e[j] = Math.exp((z[base + j] as number) - m);
      total += t[base + j] as number;
    }
    const gr = g[r] as number;
    for (let j = 0; j < c; j++) out[base + j] = gr * (((e[j] as number) / s) * total - (t[base + j] as number));
  }
  return out;
}
