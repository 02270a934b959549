// Runs the generated elementwise functions (elementwise-module.ts): copies the operands into the module's memory,
// calls one function, copies the result out. Each returns false when WebAssembly is unavailable or the arrays do
// not fit its memory, and the caller runs its TypeScript loop instead.
import type { TypedArray } from '../../dtype.js';
import { EW_ARITH } from './elementwise-module.js';
import { align, FN_NAMES, reserve, wasmMatmulInstance, type Kernel } from './matmul-wasm.js';

type Arith = (typeof EW_ARITH)[number];

const index = (name: string): number => (FN_NAMES as readonly string[]).indexOf(name);
const ARITH_FN = { f32: EW_ARITH.map((o) => index(`${o}32`)), f64: EW_ARITH.map((o) => index(`${o}64`)) };
const RELU = [index('relu32'), index('relu64')] as const;
const RELU_GRAD = [index('relug32'), index('relug64')] as const;
const COL_SUM = [index('colsum32'), index('colsum64')] as const;

/**
 * Copies `inputs` (converted to `out`'s dtype) one after another into the module's memory, runs `call` with
 * their byte addresses and the output's, and copies the output's `out.length` values out.
 */
function run(inputs: readonly TypedArray[], out: TypedArray, call: (fn: readonly Kernel[], f64: number, at: number[]) => void): boolean {
  const w = wasmMatmulInstance();
  if (!w) return false;
  const f64 = out instanceof Float64Array;
  const es = f64 ? 8 : 4;
  const at: number[] = [];
  let bytes = 0;
  for (const x of [...inputs, out]) {
    at.push(bytes);
    bytes += align(x.length * es);
  }
  const view = reserve(w, bytes, f64);
  if (!view) return false;
  inputs.forEach((x, i) => view.set(x, (at[i] as number) / es));
  call(w.fns, f64 ? 1 : 0, at);
  const o = (at[inputs.length] as number) / es;
  out.set(view.subarray(o, o + out.length));
  return true;
}

/**
 * out = a ∘ b for `rows` rows of `cols` values: b has the same rows (`bRepeats` false) or is one row used for
 * every row (true). @internal
 */
export function arithWasm(code: Arith, a: TypedArray, b: TypedArray, out: TypedArray, rows: number, cols: number, bRepeats: boolean): boolean {
  const f = EW_ARITH.indexOf(code);
  return run([a, b], out, (fns, f64, [pa, pb, po]) => {
    const fn = fns[(f64 ? ARITH_FN.f64 : ARITH_FN.f32)[f] as number] as Kernel;
    fn(pa as number, pb as number, po as number, rows, cols, bRepeats ? 0 : cols * (f64 ? 8 : 4));
  });
}

/** out = max(x, 0). @internal */
export function reluWasm(x: TypedArray, out: TypedArray): boolean {
  return run([x], out, (fns, f64, [px, po]) => (fns[RELU[f64] as number] as Kernel)(px as number, po as number, out.length));
}

/** out = g where x > 0, else 0. @internal */
export function reluGradWasm(g: TypedArray, x: TypedArray, out: TypedArray): boolean {
  return run([g, x], out, (fns, f64, [pg, px, po]) => (fns[RELU_GRAD[f64] as number] as Kernel)(pg as number, px as number, po as number, out.length));
}

/** out[j] = Σ_i x[i, j] for x of `rows` rows of `out.length` values, added in float64 in row order. @internal */
export function colSumWasm(x: TypedArray, rows: number, out: TypedArray): boolean {
  return run([x], out, (fns, f64, [px, po]) => (fns[COL_SUM[f64] as number] as Kernel)(px as number, po as number, rows, out.length));
}
