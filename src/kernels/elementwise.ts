// Elementwise loops on typed arrays. No Tensor, no tape: shapes in, typed arrays out. The hot ones (arithmetic on
// equal shapes or against a repeated row, relu and its backward) run on WebAssembly SIMD when the backend says so.
import type { TypedArray } from '../dtype.js';
import type { Shape } from '../_internal/shape.js';
import { useWasmForValues } from './backend.js';
import { arithWasm, reluGradWasm, reluWasm } from './wasm/elementwise-wasm.js';

/** out[i] = f(x[i]). */
export function unary(x: TypedArray, out: TypedArray, f: (v: number) => number): TypedArray {
  for (let i = 0; i < x.length; i++) out[i] = f(x[i] as number);
  return out;
}

/**
 * out = f(a, b) with NumPy broadcasting; `outShape` is the broadcast shape.
 * Fast paths for equal shapes, a scalar side, and a trailing-suffix operand (the bias of `x·W + b`).
 */
export function binary(
  a: TypedArray, aShape: Shape,
  b: TypedArray, bShape: Shape,
  out: TypedArray, outShape: Shape,
  f: (x: number, y: number) => number,
): TypedArray {
  const n = out.length;
  let inner: number;
  if (a.length === n && b.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, b[i] as number);
  } else if (b.length === 1) {
    const y = b[0] as number;
    for (let i = 0; i < n; i++) out[i] = f(a[i] as number, y);
  } else if (a.length === 1) {
    const x = a[0] as number;
    for (let i = 0; i < n; i++) out[i] = f(x, b[i] as number);
  } else if (a.length === n && isTrailing(bShape, outShape)) {
    const m = b.length;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(a[i + j] as number, b[j] as number);
  } else if (b.length === n && isTrailing(aShape, outShape)) {
    const m = a.length;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(a[j] as number, b[i + j] as number);
  } else if (a.length === n && (inner = repeatBlock(bShape, outShape)) > 0) {
    for (let o = 0, i = 0; i < n; o++) {
      const y = b[o] as number;
      for (const end = i + inner; i < end; i++) out[i] = f(a[i] as number, y);
    }
  } else if (b.length === n && (inner = repeatBlock(aShape, outShape)) > 0) {
    for (let o = 0, i = 0; i < n; o++) {
      const x = a[o] as number;
      for (const end = i + inner; i < end; i++) out[i] = f(x, b[i] as number);
    }
  } else {
    const sa = broadcastStrides(aShape, outShape);
    const sb = broadcastStrides(bShape, outShape);
    const nd = outShape.length;
    const idx = new Array<number>(nd).fill(0);
    let ia = 0;
    let ib = 0;
    for (let i = 0; i < n; i++) {
      out[i] = f(a[ia] as number, b[ib] as number);
      for (let d = nd - 1; d >= 0; d--) {
        const k = (idx[d] as number) + 1;
        if (k < (outShape[d] as number)) {
          idx[d] = k;
          ia += sa[d] as number;
          ib += sb[d] as number;
          break;
        }
        idx[d] = 0;
        ia -= (sa[d] as number) * (k - 1);
        ib -= (sb[d] as number) * (k - 1);
      }
    }
  }
  return out;
}

/** True when `s`, without leading 1s, is a suffix of `out` (so it repeats in contiguous blocks). */
function isTrailing(s: Shape, out: Shape): boolean {
  let i = 0;
  while (i < s.length && s[i] === 1) i++;
  const rest = s.length - i;
  for (let k = 0; k < rest; k++) if (s[i + k] !== out[out.length - rest + k]) return false;
  return true;
}

/**
 * When `s` (broadcast to `out`) is constant over contiguous blocks of `out` — its dims match out's leading dims
 * and are 1 after them, as a [rows, 1] column against [rows, cols] — the block length; else 0.
 */
function repeatBlock(s: Shape, out: Shape): number {
  const pad = out.length - s.length;
  for (let i = 0; i < pad; i++) if (out[i] !== 1) return 0;
  let j = 0;
  while (j < s.length && s[j] === out[pad + j]) j++;
  let inner = 1;
  for (let i = j; i < s.length; i++) {
    if (s[i] !== 1) return 0;
    inner *= out[pad + i] as number;
  }
  return inner > 1 ? inner : 0;
}

/** Strides of `shape` viewed in the broadcast shape `out` (0 along broadcast dims). */
export function broadcastStrides(shape: Shape, out: Shape): number[] {
  const strides = new Array<number>(out.length).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] as number;
    const o = out.length - shape.length + i;
    strides[o] = d === 1 ? 0 : s;
    s *= d;
  }
  return strides;
}

/** The arithmetic ops with their own loops (a shared loop calling a callback per element cannot inline it). */
export type ArithCode = 'add' | 'sub' | 'mul' | 'div';

/**
 * out = a ∘ b for ∘ in + − × ÷ with broadcasting, as {@link binary} computes it, but with one loop per operator
 * on the common layouts (same shape, a scalar side, a trailing operand such as a bias).
 */
export function arith(
  code: ArithCode,
  a: TypedArray, aShape: Shape,
  b: TypedArray, bShape: Shape,
  out: TypedArray, outShape: Shape,
): TypedArray {
  const n = out.length;
  if (a.length === n && useWasmForValues(n)) {
    if (b.length === n && arithWasm(code, a, b, out, 1, n, false)) return out;
    if (b.length > 1 && b.length < n && isTrailing(bShape, outShape) && arithWasm(code, a, b, out, n / b.length, b.length, true)) return out;
  }
  if (a.length === n && b.length === n) {
    if (code === 'add') for (let i = 0; i < n; i++) out[i] = (a[i] as number) + (b[i] as number);
    else if (code === 'sub') for (let i = 0; i < n; i++) out[i] = (a[i] as number) - (b[i] as number);
    else if (code === 'mul') for (let i = 0; i < n; i++) out[i] = (a[i] as number) * (b[i] as number);
    else for (let i = 0; i < n; i++) out[i] = (a[i] as number) / (b[i] as number);
    return out;
  }
  if (b.length === 1 && a.length === n) {
    const y = b[0] as number;
    if (code === 'add') for (let i = 0; i < n; i++) out[i] = (a[i] as number) + y;
    else if (code === 'sub') for (let i = 0; i < n; i++) out[i] = (a[i] as number) - y;
    else if (code === 'mul') for (let i = 0; i < n; i++) out[i] = (a[i] as number) * y;
    else for (let i = 0; i < n; i++) out[i] = (a[i] as number) / y;
    return out;
  }
  if (a.length === 1 && b.length === n) {
    const x = a[0] as number;
    if (code === 'add') for (let i = 0; i < n; i++) out[i] = x + (b[i] as number);
    else if (code === 'sub') for (let i = 0; i < n; i++) out[i] = x - (b[i] as number);
    else if (code === 'mul') for (let i = 0; i < n; i++) out[i] = x * (b[i] as number);
    else for (let i = 0; i < n; i++) out[i] = x / (b[i] as number);
    return out;
  }
  if (a.length === n && b.length > 0 && isTrailing(bShape, outShape)) {
    const m = b.length;
    if (code === 'add') for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = (a[i + j] as number) + (b[j] as number);
    else if (code === 'mul') for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = (a[i + j] as number) * (b[j] as number);
    else return binary(a, aShape, b, bShape, out, outShape, ARITH[code]);
    return out;
  }
  const inner = a.length === n ? repeatBlock(bShape, outShape) : 0;
  if (inner > 0 && (code === 'mul' || code === 'sub')) {
    // a [rows, 1] column against [rows, cols]: softmax cross-entropy's backward
    for (let o = 0, i = 0; i < n; o++) {
      const y = b[o] as number;
      const end = i + inner;
      if (code === 'mul') for (; i < end; i++) out[i] = (a[i] as number) * y;
      else for (; i < end; i++) out[i] = (a[i] as number) - y;
    }
    return out;
  }
  return binary(a, aShape, b, bShape, out, outShape, ARITH[code]);
}

const ARITH: Record<ArithCode, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

/** out = max(x, 0), NaN kept (Math.max propagates NaN and compiles without a branch to mispredict). */
export function relu(x: TypedArray, out: TypedArray): TypedArray {
  if (useWasmForValues(x.length) && reluWasm(x, out)) return out;
  for (let i = 0; i < x.length; i++) out[i] = Math.max(x[i] as number, 0);
  return out;
}

/** out = g where x > 0, else 0 — also where x is NaN or g is not finite (relu's backward: 0 at the kink). */
export function reluGrad(g: TypedArray, x: TypedArray, out: TypedArray): TypedArray {
  if (useWasmForValues(x.length) && reluGradWasm(g, x, out)) return out;
  for (let i = 0; i < x.length; i++) out[i] = (x[i] as number) > 0 ? (g[i] as number) : 0;
  return out;
}
