// Softmax family along one axis, viewing the tensor as [outer, n, inner]; max-shifted for stability.
import type { TypedArray } from '../dtype.js';

/** out = softmax(x) along the middle axis (`log` = true gives log-softmax). */
export function softmaxAxis(
  x: TypedArray, outer: number, n: number, inner: number, out: TypedArray, log: boolean,
): TypedArray {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, x[base + k * inner] as number);
      if (!Number.isFinite(m)) m = 0;
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp((x[base + k * inner] as number) - m);
      if (log) {
        const lse = m + Math.log(s);
        for (let k = 0; k < n; k++) out[base + k * inner] = (x[base + k * inner] as number) - lse;
      } else {
        for (let k = 0; k < n; k++) out[base + k * inner] = Math.exp((x[base + k * inner] as number) - m) / s;
      }
    }
  }
  return out;
}

/**
 * Per row r of logits z [rows×c] and targets t [rows×c]: loss[r] = Σ_j t[r,j]·(lse(z[r]) − z[r,j]).
 * Written as lse − z so that logits of ±1e4 stay finite.
 */
export function crossEntropyRows(z: TypedArray, t: TypedArray, rows: number, c: number, out: TypedArray): TypedArray {
  for (let r = 0; r < rows; r++) {
    const base = r * c;
    let m = -Infinity;
    for (let j = 0; j < c; j++) m = Math.max(m, z[base + j] as number);
    if (!Number.isFinite(m)) m = 0;
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
