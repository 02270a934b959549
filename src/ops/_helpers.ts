// Shared plumbing of the op files: number → tensor, and forward halves that only call kernels.
import { allocate, promote } from '../dtype.js';
import { InvalidArgumentError } from '../errors.js';
import { arith, binary, unary, type ArithCode } from '../kernels/elementwise.js';
import { broadcastShapes, describe, shapesEqual, sizeOf, type Shape } from '../_internal/shape.js';

const SCALAR_SHAPE: Shape = Object.freeze([]);
import { isTensor, Tensor } from '../tensor.js';

/**
 * A tensor, or a plain number standing for a scalar tensor of the other operand's dtype.
 * @category Tensor
 */
export type TensorLike = Tensor | number;

/** Throws unless `x` is a tensor, so an untyped caller gets a named error rather than a TypeError from inside. */
export function requireTensor(x: unknown, op: string): Tensor {
  if (!isTensor(x)) throw new InvalidArgumentError(`${op}: expected a Tensor, got ${describe(x)}`);
  return x;
}

/** A number becomes a scalar of `like`'s dtype (numbers do not promote, like JAX's weak types). */
export function asTensor(v: TensorLike, like: Tensor | undefined, op: string): Tensor {
  if (isTensor(v)) return v;
  if (typeof v === 'number') {
    // direct construction: this runs for every `x.mul(2)`, and Tensor.scalar's option parsing dominated tiny ops
    const dtype = like?.dtype ?? 'float32';
    const data = allocate(dtype, 1);
    data[0] = v;
    return Tensor._wrapKnown(data, SCALAR_SHAPE, dtype);
  }
  throw new InvalidArgumentError(`${op}: expected a Tensor or a number, got ${describe(v)}`);
}

/** Both operands as tensors; a number takes the dtype of the tensor beside it. */
export function asPair(a: TensorLike, b: TensorLike, op: string): [Tensor, Tensor] {
  const ta = isTensor(a) ? a : undefined;
  const tb = isTensor(b) ? b : undefined;
  return [asTensor(a, tb, op), asTensor(b, ta, op)];
}

export function unaryForward(x: Tensor, f: (v: number) => number): Tensor {
  return Tensor._wrap(unary(x.data, allocate(x.dtype, x.size), f), x.shape);
}

export function binaryForward(a: Tensor, b: Tensor, op: string, f: (x: number, y: number) => number): Tensor {
  // equal shapes or a scalar operand: reuse the (frozen) shape instead of building a new one
  const shape = shapesEqual(a.shape, b.shape) || b.shape.length === 0 ? a.shape : a.shape.length === 0 ? b.shape : broadcastShapes(a.shape, b.shape, op);
  const dtype = promote(a.dtype, b.dtype);
  const out = allocate(dtype, shape.length === 0 ? 1 : sizeOf(shape));
  // + − × ÷ have their own loops (a shared loop cannot inline a different callback per op)
  const data = op === 'add' || op === 'sub' || op === 'mul' || op === 'div'
    ? arith(op, a.data, a.shape, b.data, b.shape, out, shape)
    : binary(a.data, a.shape, b.data, b.shape, out, shape, f);
  // shapes here are frozen (an operand's, or broadcastShapes' frozen result) and the kernels fill `out` in place
  return data === out ? Tensor._wrapKnown(out, shape, dtype) : Tensor._wrap(data, shape);
}

// Scratch holding a number operand for the kernel: writing it rounds it to the dtype exactly as a scalar tensor would.
// Internal only (never a tensor's data), and read once inside the synchronous kernel call.
const NUMBER32 = new Float32Array(1);
const NUMBER64 = new Float64Array(1);

/** `x ∘ k` for a plain number `k`, with the same values and dtype as `x ∘ (k as a scalar tensor of x's dtype)`. */
export function numberForward(x: Tensor, code: ArithCode, k: number): Tensor {
  const dtype = x.dtype;
  const kd = dtype === 'float64' ? NUMBER64 : NUMBER32;
  kd[0] = k;
  const out = allocate(dtype, x.data.length);
  const data = arith(code, x.data, x.shape, kd, SCALAR_SHAPE, out, x.shape);
  return data === out ? Tensor._wrapKnown(out, x.shape, dtype) : Tensor._wrap(data, x.shape);
}

/** A constant tensor (no history) of x's shape and dtype with f applied to x's values: masks and signs for backward rules. */
export function constantFrom(x: Tensor, f: (v: number) => number): Tensor {
  return unaryForward(x, f);
}

/** Views a shape as [outer, n, inner] around `axis`. */
export function splitAt(shape: Shape, axis: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i] as number;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i] as number;
  return [outer, shape[axis] as number, inner];
}
