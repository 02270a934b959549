import { defineOp } from '../autodiff/define-op.js';
import type { Tensor } from '../tensor.js';
import { asTensor, constantFrom, unaryForward, type TensorLike } from './_helpers.js';
import { div, mul } from './arithmetic.js';

export const Exp = defineOp<[Tensor]>({
  name: 'Exp',
  forward: ([x]) => unaryForward(x, Math.exp),
  // dx = G·eˣ = G·out
  backward: (g, { output }) => [mul(g, output)],
});

export const Log = defineOp<[Tensor]>({
  name: 'Log',
  forward: ([x]) => unaryForward(x, Math.log),
  // dx = G / x  (log 0 = −∞ with gradient G/0 = ±∞)
  backward: (g, { inputs: [x] }) => [div(g, x)],
});

export const Sqrt = defineOp<[Tensor]>({
  name: 'Sqrt',
  forward: ([x]) => unaryForward(x, Math.sqrt),
  // dx = G / (2·√x) = G / (2·out)  (∞ at x = 0, as in PyTorch)
  backward: (g, { output }) => [div(g, mul(output, 2))],
});

export const Abs = defineOp<[Tensor]>({
  name: 'Abs',
  forward: ([x]) => unaryForward(x, Math.abs),
  // dx = G·sign(x), with sign(0) = 0 (the subgradient PyTorch and JAX pick)
  backward: (g, { inputs: [x] }) => [mul(g, constantFrom(x, Math.sign))],
});

/**
 * Elementwise eˣ (overflows to `Infinity`, never NaN). d/dx eˣ = eˣ.
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, exp } from 'tinygrad-ts';
 * console.log(exp(Tensor.from([0, 1])).toArray()); // [1, 2.7182817459106445]
 * ```
 */
export function exp(x: TensorLike): Tensor {
  return Exp([asTensor(x, undefined, 'exp')]);
}

/**
 * Elementwise natural logarithm (log 0 = −∞, log of a negative = NaN). d/dx log x = 1/x, so the gradient at
 * x = 0 is +∞ (−∞ at −0): no clipping, use `detectAnomaly` to find where it came from.
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, log } from 'tinygrad-ts';
 * console.log(log(Tensor.from([1], { dtype: 'float64' })).toArray()); // [0]
 * ```
 */
export function log(x: TensorLike): Tensor {
  return Log([asTensor(x, undefined, 'log')]);
}

/**
 * Elementwise square root. d/dx √x = 1/(2√x) (∞ at 0).
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, sqrt } from 'tinygrad-ts';
 * console.log(sqrt(Tensor.from([4, 9])).toArray()); // [2, 3]
 * ```
 */
export function sqrt(x: TensorLike): Tensor {
  return Sqrt([asTensor(x, undefined, 'sqrt')]);
}

/**
 * Elementwise absolute value. d/dx |x| = sign(x), taken as 0 at x = 0.
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, abs } from 'tinygrad-ts';
 * console.log(abs(Tensor.from([-2, 3])).toArray()); // [2, 3]
 * ```
 */
export function abs(x: TensorLike): Tensor {
  return Abs([asTensor(x, undefined, 'abs')]);
}
