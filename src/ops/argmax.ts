import { defineOp } from '../autodiff/define-op.js';
import { noGrad } from '../autodiff/state.js';
import { allocate } from '../dtype.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { argmaxAxis } from '../kernels/argmax.js';
import { describe, formatShape, keepdimsShape, normalizeAxis } from '../_internal/shape.js';
import { isTensor, Tensor } from '../tensor.js';
import { booleanOption, readOptions } from '../_internal/options.js';
import { splitAt } from './_helpers.js';
import type { ReduceOptions } from './reduce.js';

interface ArgMaxAttrs {
  /** The reduced axis, or null for the index into the flattened tensor. */
  readonly axis: number | null;
  readonly keepdims: boolean;
}

export const ArgMax = defineOp<[Tensor], ArgMaxAttrs>({
  name: 'ArgMax',
  forward: ([x], { axis, keepdims }) => {
    if (x.size === 0) throw new ShapeError(`argmax: cannot take the argmax of an empty tensor (shape ${formatShape(x.shape)})`);
    const [outer, n, inner] = axis === null ? [1, x.size, 1] : splitAt(x.shape, axis);
    const out = argmaxAxis(x.data, outer, n, inner, allocate(x.dtype, outer * inner));
    const all = x.shape.map((_, i) => i);
    const kept = keepdimsShape(x.shape, axis === null ? all : [axis]);
    return Tensor._wrap(out, keepdims ? kept : axis === null ? [] : kept.filter((_, i) => i !== axis));
  },
  // An index is piecewise constant in x: it has no gradient.
  backward: () => [null],
});

/**
 * Index of the largest value along an axis (the first one on ties; a NaN counts as the largest, as in NumPy),
 * or into the flattened tensor when `axis` is omitted. The indices come back as a tensor of `x`'s dtype holding
 * integers (exact up to 2²⁴ in float32). It has no gradient: the result never requires grad.
 * @param x - a tensor with at least one element.
 * @param axis - the axis to reduce (negative counts from the end), or omitted for the flattened index.
 * @param options - `keepdims`: keep the reduced axis as size 1.
 * @returns the indices, shaped like `x` without `axis` (a scalar without `axis`).
 * @throws {@link AxisError} for a bad axis; {@link ShapeError} for an empty tensor; {@link InvalidArgumentError} for a non-tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, argmax } from 'tinygrad-ts';
 * const scores = Tensor.from([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]]);
 * console.log(argmax(scores, 1).toArray(), argmax(scores).item()); // [1, 0] 1
 * ```
 */
export function argmax(x: Tensor, axis?: number, options?: ReduceOptions): Tensor {
  if (!isTensor(x)) throw new InvalidArgumentError(`argmax: expected a Tensor, got ${describe(x)}`);
  const attrs: ArgMaxAttrs = {
    axis: axis === undefined ? null : normalizeAxis(axis, x.ndim, 'argmax'),
    keepdims: booleanOption(readOptions<ReduceOptions>(options, ['keepdims'], 'argmax').keepdims, false, 'argmax', 'keepdims'),
  };
  return noGrad(() => ArgMax([x], attrs)); // indices carry no history
}
