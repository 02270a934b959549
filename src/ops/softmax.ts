import { defineOp } from '../autodiff/define-op.js';
import { allocate } from '../dtype.js';
import { softmaxAxis } from '../kernels/softmax.js';
import { normalizeAxis } from '../_internal/shape.js';
import { Tensor } from '../tensor.js';
import { requireTensor, splitAt } from './_helpers.js';
import { mul, sub } from './arithmetic.js';
import { sum } from './reduce.js';
import { exp } from './unary.js';

interface AxisAttrs {
  readonly axis: number;
}

function softmaxForward(x: Tensor, axis: number, log: boolean): Tensor {
  const [outer, n, inner] = splitAt(x.shape, axis);
  return Tensor._wrap(softmaxAxis(x.data, outer, n, inner, allocate(x.dtype, x.size), log), x.shape);
}

export const Softmax = defineOp<[Tensor], AxisAttrs>({
  name: 'Softmax',
  forward: ([x], { axis }) => softmaxForward(x, axis, false),
  // dx = y ⊙ (G − Σ_axis G⊙y), y = out
  backward: (g, { output: y, attrs: { axis } }) => [mul(y, sub(g, sum(mul(g, y), axis, { keepdims: true })))],
});

export const LogSoftmax = defineOp<[Tensor], AxisAttrs>({
  name: 'LogSoftmax',
  forward: ([x], { axis }) => softmaxForward(x, axis, true),
  // dx = G − eʸ ⊙ Σ_axis G, y = out (so eʸ = softmax)
  backward: (g, { output: y, attrs: { axis } }) => [sub(g, mul(exp(y), sum(g, axis, { keepdims: true })))],
});

/**
 * Softmax along `axis` (default −1), max-shifted so large logits do not overflow.
 * d/dx softmax = y ⊙ (G − Σ G⊙y).
 * @param x - a tensor of at least one dimension.
 * @param axis - the axis that sums to 1 (default −1, the last).
 * @throws {@link AxisError} for a bad axis.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, softmax } from 'tinygrad-ts';
 * console.log(softmax(Tensor.from([0, 0], { dtype: 'float64' })).toArray()); // [0.5, 0.5]
 * ```
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  requireTensor(x, 'softmax');
  return Softmax([x], { axis: normalizeAxis(axis, x.ndim, 'softmax') });
}

/**
 * Log of the softmax along `axis` (default −1), computed as x − logsumexp(x): finite for any finite logits.
 * d/dx logSoftmax = G − softmax(x) ⊙ Σ G.
 * @param x - a tensor of at least one dimension.
 * @param axis - the axis to normalise over (default −1).
 * @throws {@link AxisError} for a bad axis.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, logSoftmax } from 'tinygrad-ts';
 * console.log(logSoftmax(Tensor.from([0, 0], { dtype: 'float64' })).toArray()); // [-0.6931471805599453, -0.6931471805599453]
 * ```
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  requireTensor(x, 'logSoftmax');
  return LogSoftmax([x], { axis: normalizeAxis(axis, x.ndim, 'logSoftmax') });
}
