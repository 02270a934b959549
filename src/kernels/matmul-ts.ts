// Portable TypeScript matmul: GotoBLAS-style packing into float64 panels and a 4×4 register-blocked micro-kernel.
// Transposes only change how panels are packed, so all four variants run the same inner loop at the same speed.
import type { TypedArray } from '../dtype.js';

const MR = 4; // rows of C per micro-tile
const NR = 4; // columns of C per micro-tile
const KC = 256; // depth of a packed block: an A micro-panel plus a B micro-panel (2·256·4·8 B = 16 KiB) stay in L1
const MC = 64; // rows of A packed at once (64·256·8 B = 128 KiB, in L2)

// Scratch panels reused across calls (kernels are synchronous and never re-entered), grown on demand.
let packA = new Float64Array(MC * KC);
let packB = new Float64Array(KC * 64);
const edge = new Float64Array(MR * NR);

/**
 * C[m×n] = op(A)·op(B) in TypeScript (see {@link matmul} in matmul.ts for the argument convention).
 * @internal
 */
export function matmulTs(
  a: TypedArray, aOff: number, transA: boolean,
  b: TypedArray, bOff: number, transB: boolean,
  c: TypedArray, cOff: number,
  m: number, k: number, n: number,
): void {
  c.fill(0, cOff, cOff + m * n);
  if (m === 0 || n === 0 || k === 0) return;
  const nPad = Math.ceil(n / NR) * NR;
  if (packB.length < KC * nPad) packB = new Float64Array(KC * nPad);
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    packPanelsB(b, bOff, transB, k, n, pc, kc, packB);
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      packPanelsA(a, aOff, transA, m, k, ic, mc, pc, kc, packA);
      for (let jr = 0; jr < n; jr += NR) {
        const cols = Math.min(NR, n - jr);
        const bBase = (jr / NR) * kc * NR;
        for (let ir = 0; ir < mc; ir += MR) {
          const rows = Math.min(MR, mc - ir);
          micro(packA, (ir / MR) * kc * MR, packB, bBase, kc, c, cOff + (ic + ir) * n + jr, n, rows, cols);
        }
      }
    }
  }
}

/** Packs rows ic…ic+mc of op(A), depth pc…pc+kc, into MR-row panels: panel[p·MR + r] = op(A)[ic+r, pc+p], zero-padded. */
function packPanelsA(
  a: TypedArray, aOff: number, transA: boolean, m: number, k: number,
  ic: number, mc: number, pc: number, kc: number, out: Float64Array,
): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const base = (ir / MR) * kc * MR;
    for (let r = 0; r < MR; r++) {
      const i = ic + ir + r;
      if (ir + r >= mc) {
        for (let p = 0; p < kc; p++) out[base + p * MR + r] = 0;
      } else if (transA) {
        let src = aOff + pc * m + i; // A stored k×m: op(A)[i, p] = a[p·m + i]
        for (let p = 0; p < kc; p++, src += m) out[base + p * MR + r] = a[src] as number;
      } else {
        const src = aOff + i * k + pc;
        for (let p = 0; p < kc; p++) out[base + p * MR + r] = a[src + p] as number;
      }
    }
  }
}

/** Packs depth pc…pc+kc of op(B) into NR-column panels: panel[p·NR + c] = op(B)[pc+p, j+c], zero-padded. */
function packPanelsB(
  b: TypedArray, bOff: number, transB: boolean, k: number, n: number,
  pc: number, kc: number, out: Float64Array,
): void {
  for (let jr = 0; jr < n; jr += NR) {
    const base = (jr / NR) * kc * NR;
    for (let col = 0; col < NR; col++) {
      const j = jr + col;
      if (j >= n) {
        for (let p = 0; p < kc; p++) out[base + p * NR + col] = 0;
      } else if (transB) {
        const src = bOff + j * k + pc; // B stored n×k: op(B)[p, j] = b[j·k + p]
        for (let p = 0; p < kc; p++) out[base + p * NR + col] = b[src + p] as number;
      } else {
        let src = bOff + pc * n + j;
        for (let p = 0; p < kc; p++, src += n) out[base + p * NR + col] = b[src] as number;
      }
    }
  }
}

/** C[rows×cols tile] += Apanel·Bpanel over depth kc, 16 accumulators in locals (V8 keeps most in registers). */
function micro(
  ap: Float64Array, ai: number, bp: Float64Array, bi: number, kc: number,
  c: TypedArray, ci: number, ldc: number, rows: number, cols: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const end = ai + kc * MR;
  for (; ai < end; ai += MR, bi += NR) {
    const a0 = ap[ai] as number, a1 = ap[ai + 1] as number, a2 = ap[ai + 2] as number, a3 = ap[ai + 3] as number;
    const b0 = bp[bi] as number, b1 = bp[bi + 1] as number, b2 = bp[bi + 2] as number, b3 = bp[bi + 3] as number;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rows === MR && cols === NR) {
    let o = ci;
    c[o] = (c[o] as number) + c00; c[o + 1] = (c[o + 1] as number) + c01; c[o + 2] = (c[o + 2] as number) + c02; c[o + 3] = (c[o + 3] as number) + c03;
    o += ldc;
    c[o] = (c[o] as number) + c10; c[o + 1] = (c[o + 1] as number) + c11; c[o + 2] = (c[o + 2] as number) + c12; c[o + 3] = (c[o + 3] as number) + c13;
    o += ldc;
    c[o] = (c[o] as number) + c20; c[o + 1] = (c[o + 1] as number) + c21; c[o + 2] = (c[o + 2] as number) + c22; c[o + 3] = (c[o + 3] as number) + c23;
    o += ldc;
    c[o] = (c[o] as number) + c30; c[o + 1] = (c[o + 1] as number) + c31; c[o + 2] = (c[o + 2] as number) + c32; c[o + 3] = (c[o + 3] as number) + c33;
    return;
  }
  // edge tile: write only the rows×cols that exist (the padding computed zeros)
  const t = edge;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23; t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q++) c[ci + r * ldc + q] = (c[ci + r * ldc + q] as number) + (t[r * NR + q] as number);
  }
}
