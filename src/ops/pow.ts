import { defineOp, type Op } from '../autodiff/define-op.js';
import { InvalidArgumentError } from '../errors.js';
import { isTensor, type Tensor } from '../tensor.js';
import { asPair, binaryForward, constantFrom, unaryForward, type TensorLike } from './_helpers.js';
import { add, mul, sub } from './arithmetic.js';
import { log } from './unary.js';

export const PowScalar: Op<[Tensor], { exponent: number }> = defineOp<[Tensor], { exponent: number }>({
  name: 'PowScalar',
  forward: ([x], { exponent: p }) => unaryForward(x, (v) => Math.pow(v, p)),
  // dx = G·p·x^(p−1)  (p = 0 gives 0 everywhere, even at x = 0)
  backward: (g, { inputs: [x], attrs: { exponent: p } }) =>
    p === 0 ? [mul(g, 0)] : [mul(g, mul(PowScalar([x], { exponent: p - 1 }), p))],
});

export const Pow: Op<[Tensor, Tensor]> = defineOp<[Tensor, Tensor]>({
  name: 'Pow',
  forward: ([a, b]) => binaryForward(a, b, 'pow', Math.pow),
  // dA = G·B·A^(B−1), dB = G·out·log A, with log A read as 0 where A = 0 (NaN for A < 0: no real derivative)
  backward: (g, { inputs: [a, b], output }) => {
    const logA = log(add(a, constantFrom(a, (v) => (v === 0 ? 1 : 0))));
    return [mul(g, mul(b, Pow([a, sub(b, 1)]))), mul(g, mul(output, logA))];
  },
});

/**
 * Elementwise power `x^p`; `p` is a number or a tensor (broadcast).
 * d/dx xᵖ = p·xᵖ⁻¹ (exact for a negative x and an integer p; 0 at x = 0 for p = 0 and p ≥ 1);
 * d/dp xᵖ = xᵖ·log x, taken as 0 where x = 0 and NaN where x < 0 (no real logarithm), as in PyTorch.
 * @param x - the base.
 * @param p - the exponent: a number (fast path) or a tensor.
 * @throws {@link ShapeError} when the shapes do not broadcast.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, pow } from 'tinygrad-ts';
 * console.log(pow(Tensor.from([1, 2, 3]), 2).toArray()); // [1, 4, 9]
 * ```
 */
export function pow(x: TensorLike, p: TensorLike): Tensor {
  if (typeof p === 'number' && isTensor(x)) return PowScalar([x], { exponent: p });
  if (typeof p !== 'number' && !isTensor(p)) throw new InvalidArgumentError(`pow: exponent must be a number or a Tensor`);
  return Pow(asPair(x, p, 'pow'));
}
