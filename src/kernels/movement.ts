// Data movement: permute (general transpose) and broadcast copies.
import type { TypedArray } from '../dtype.js';
import type { Shape } from '../_internal/shape.js';
import { useWasmFor } from './backend.js';
import { broadcastStrides } from './elementwise.js';
import { transposeWasm } from './wasm/matmul-wasm.js';

function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i] as number;
  }
  return s;
}

/** Copies `x` (shape `shape`) into `out` with its axes reordered: out axis i is input axis axes[i]. */
export function permute(x: TypedArray, shape: Shape, axes: readonly number[], out: TypedArray): TypedArray {
  const nd = shape.length;
  if (nd >= 2 && axes[nd - 2] === nd - 1 && axes[nd - 1] === nd - 2 && axes.every((a, i) => i >= nd - 2 || a === i)) {
    // `x.transpose()`: a column walk touches a new cache line per value in JavaScript; WebAssembly shuffles 4×4 blocks
    const rows = shape[nd - 2] as number;
    const cols = shape[nd - 1] as number;
    if (useWasmFor(out.length) && transposeWasm(x, rows, cols, out)) return out;
  }
  const inStrides = stridesOf(shape);
  const outShape = axes.map((a) => shape[a] as number);
  const srcStrides = axes.map((a) => inStrides[a] as number);
  return strided(x, srcStrides, outShape, out);
}

/** Copies `x` broadcast from `shape` to `outShape`. */
export function expand(x: TypedArray, shape: Shape, outShape: Shape, out: TypedArray): TypedArray {
  return strided(x, broadcastStrides(shape, outShape), outShape, out);
}

/** out[i] = x[offset(i)] walking `outShape` with source strides `src` (an odometer, no division per element). */
function strided(x: TypedArray, src: readonly number[], outShape: Shape, out: TypedArray): TypedArray {
  const n = out.length;
  const nd = outShape.length;
  if (n === 0) return out;
  const idx = new Array<number>(nd).fill(0);
  let at = 0;
  const last = nd - 1;
  const lastLen = nd ? (outShape[last] as number) : 1;
  const lastStride = nd ? (src[last] as number) : 0;
  for (let i = 0; i < n; ) {
    for (let j = 0; j < lastLen; j++) out[i++] = x[at + j * lastStride] as number;
    for (let d = last - 1; d >= 0; d--) {
      const k = (idx[d] as number) + 1;
      if (k < (outShape[d] as number)) {
        idx[d] = k;
        at += src[d] as number;
        break;
      }
      idx[d] = 0;
      at -= (src[d] as number) * (k - 1);
    }
  }
  return out;
}
