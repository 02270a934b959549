// Matrix product entry point: transposes are folded into the kernels (no transposed copy is materialised by the ops).
import type { TypedArray } from '../dtype.js';
import { useWasmFor } from './backend.js';
import { matmulTs } from './matmul-ts.js';
import { matmulWasm } from './wasm/matmul-wasm.js';

/**
 * C[m×n] = op(A)·op(B), where op(A) is m×k (stored k×m when `transA`) and op(B) is k×n
 * (stored n×k when `transB`). Reads A from `aOff`, B from `bOff`, writes C at `cOff`; C is overwritten.
 * Runs on WebAssembly SIMD or TypeScript as {@link setBackend} decides; both give the same values up to rounding.
 */
export function matmul(
  a: TypedArray, aOff: number, transA: boolean,
  b: TypedArray, bOff: number, transB: boolean,
  c: TypedArray, cOff: number,
  m: number, k: number, n: number,
): void {
  if (useWasmFor(m * k * n) && matmulWasm(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n)) return;
  matmulTs(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n);
}
