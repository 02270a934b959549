import { defineOp, type Op } from '../autodiff/define-op.js';
import { allocate, promote } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { reluGrad as reluGradKernel, relu as reluKernel } from '../kernels/elementwise.js';
import { formatShape, shapesEqual } from '../_internal/shape.js';
import { Tensor } from '../tensor.js';
import { asTensor, unaryForward, type TensorLike } from './_helpers.js';
import { mul, neg, sub, add } from './arithmetic.js';

// σ(x) without overflow: for x < 0, eˣ/(1 + eˣ) never exponentiates a large positive number.
const stableSigmoid = (v: number): number => {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
};

export const Sigmoid = defineOp<[Tensor]>({
  name: 'Sigmoid',
  forward: ([x]) => unaryForward(x, stableSigmoid),
  // dx = G·σ(x)·(1 − σ(x)) = G·out·(1 − out)
  backward: (g, { output }) => [mul(g, mul(output, add(neg(output), 1)))],
});

export const Tanh = defineOp<[Tensor]>({
  name: 'Tanh',
  forward: ([x]) => unaryForward(x, Math.tanh),
  // dx = G·(1 − tanh²x) = G·(1 − out²)
  backward: (g, { output }) => [mul(g, sub(1, mul(output, output)))],
});

export const Relu = defineOp<[Tensor]>({
  name: 'Relu',
  forward: ([x]) => Tensor._wrap(reluKernel(x.data, allocate(x.dtype, x.size)), x.shape),
  // dx = G where x > 0, else 0 (0 at x = 0, as in PyTorch and JAX): one pass, one array
  backward: (g, { inputs: [x] }) => [ReluGrad([g, x])],
});

/**
 * Relu's backward as an op of its own, so that it is differentiable again: out = g where x > 0, else 0 (also
 * where x is NaN, and whatever g is there, as PyTorch's threshold_backward). d/dg is the same selection of gg;
 * d/dx is 0 wherever it exists.
 */
export const ReluGrad: Op<[Tensor, Tensor]> = defineOp<[Tensor, Tensor]>({
  name: 'ReluGrad',
  forward: ([g, x]) => {
    if (!shapesEqual(g.shape, x.shape)) {
      throw new ShapeError(`ReluGrad: the gradient's shape ${formatShape(g.shape)} must equal the input's ${formatShape(x.shape)}`);
    }
    return Tensor._wrap(reluGradKernel(g.data, x.data, allocate(promote(g.dtype, x.dtype), x.size)), x.shape);
  },
  backward: (gg, { inputs: [, x] }) => [ReluGrad([gg, x]), null],
});

/**
 * Elementwise logistic sigmoid σ(x) = 1/(1 + e⁻ˣ), computed without overflow for large |x|.
 * d/dx σ(x) = σ(x)(1 − σ(x)).
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, sigmoid } from 'tinygrad-ts';
 * console.log(sigmoid(Tensor.from([0, -1000, 1000])).toArray()); // [0.5, 0, 1]
 * ```
 */
export function sigmoid(x: TensorLike): Tensor {
  return Sigmoid([asTensor(x, undefined, 'sigmoid')]);
}

/**
 * Elementwise hyperbolic tangent. d/dx tanh x = 1 − tanh² x.
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, tanh } from 'tinygrad-ts';
 * console.log(tanh(Tensor.from([0])).toArray()); // [0]
 * ```
 */
export function tanh(x: TensorLike): Tensor {
  return Tanh([asTensor(x, undefined, 'tanh')]);
}

/**
 * Elementwise rectified linear unit max(x, 0). d/dx relu(x) = 1 for x > 0, else 0 (0 at the kink).
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, relu } from 'tinygrad-ts';
 * console.log(relu(Tensor.from([-1, 0, 2])).toArray()); // [0, 0, 2]
 * ```
 */
export function relu(x: TensorLike): Tensor {
  return Relu([asTensor(x, undefined, 'relu')]);
}
