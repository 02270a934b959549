// Matrix product with transposes folded into the loops (no transposed copy is materialised).
// No skipping of zero entries: 0·∞ and 0·NaN must give NaN, as in IEEE arithmetic and NumPy.
import type { TypedArray } from '../dtype.js';

/**
 * C[m×n] = op(A)·op(B), where op(A) is m×k (stored k×m when `transA`) and op(B) is k×n
 * (stored n×k when `transB`). Reads A from `aOff`, B from `bOff`, writes C at `cOff`; C is overwritten.
 */
export function matmul(
  a: TypedArray, aOff: number, transA: boolean,
  b: TypedArray, bOff: number, transB: boolean,
  c: TypedArray, cOff: number,
  m: number, k: number, n: number,
): void {
  c.fill(0, cOff, cOff + m * n);
  if (!transA && !transB) {
    // C[i,:] += A[i,p] · B[p,:]: unit stride on B and C
    for (let i = 0; i < m; i++) {
      const ci = cOff + i * n;
      for (let p = 0; p < k; p++) {
        const av = a[aOff + i * k + p] as number;
        const bp = bOff + p * n;
        for (let j = 0; j < n; j++) c[ci + j] = (c[ci + j] as number) + av * (b[bp + j] as number);
      }
    }
  } else if (transA && !transB) {
    // A stored k×m: C[i,:] += A[p,i] · B[p,:]
    for (let p = 0; p < k; p++) {
      const bp = bOff + p * n;
      for (let i = 0; i < m; i++) {
        const av = a[aOff + p * m + i] as number;
        const ci = cOff + i * n;
        for (let j = 0; j < n; j++) c[ci + j] = (c[ci + j] as number) + av * (b[bp + j] as number);
      }
    }
  } else if (!transA && transB) {
    // B stored n×k: C[i,j] = A[i,:] · B[j,:], both unit stride
    for (let i = 0; i < m; i++) {
      const ai = aOff + i * k;
      for (let j = 0; j < n; j++) {
        const bj = bOff + j * k;
        let acc = 0;
        for (let p = 0; p < k; p++) acc += (a[ai + p] as number) * (b[bj + p] as number);
        c[cOff + i * n + j] = acc;
      }
    }
  } else {
    // A stored k×m, B stored n×k: C[i,j] = Σ_p A[p,i] · B[j,p]
    for (let j = 0; j < n; j++) {
      const bj = bOff + j * k;
      for (let p = 0; p < k; p++) {
        const bv = b[bj + p] as number;
        const ap = aOff + p * m;
        for (let i = 0; i < m; i++) c[cOff + i * n + j] = (c[cOff + i * n + j] as number) + (a[ap + i] as number) * bv;
      }
    }
  }
}
