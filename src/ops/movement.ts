import { defineOp, type Op } from '../autodiff/define-op.js';
import { allocate, checkDType, type DType } from '../dtype.js';
import { AxisError, ShapeError } from '../errors.js';
import { expand as expandKernel, permute as permuteKernel } from '../kernels/movement.js';
import { broadcastsTo, checkShape, describe, formatShape, normalizeAxis, shapesEqual, sizeOf, type Shape } from '../_internal/shape.js';
import { Tensor } from '../tensor.js';
import { requireTensor } from './_helpers.js';

export const Identity = defineOp<[Tensor]>({
  name: 'Identity',
  forward: ([x]) => Tensor._wrap(x.data, x.shape),
  // dx = G
  backward: (g) => [g],
});

export const Reshape: Op<[Tensor], { shape: Shape }> = defineOp<[Tensor], { shape: Shape }>({
  name: 'Reshape',
  forward: ([x], { shape }) => Tensor._wrap(x.data, shape), // a view: tensors are immutable, so the buffer is shared
  // dx = reshape(G, shape of x)
  backward: (g, { inputs: [x] }) => [Reshape([g], { shape: x.shape })],
});

export const Permute: Op<[Tensor], { axes: readonly number[] }> = defineOp<[Tensor], { axes: readonly number[] }>({
  name: 'Permute',
  forward: ([x], { axes }) =>
    Tensor._wrap(permuteKernel(x.data, x.shape, axes, allocate(x.dtype, x.size)), axes.map((a) => x.shape[a] as number)),
  // dx = permute(G, inverse of axes)
  backward: (g, { attrs: { axes } }) => {
    const inverse = new Array<number>(axes.length);
    axes.forEach((a, i) => (inverse[a] = i));
    return [Permute([g], { axes: inverse })];
  },
});

export const Expand = defineOp<[Tensor], { shape: Shape }>({
  name: 'Expand',
  forward: ([x], { shape }) => Tensor._wrap(expandKernel(x.data, x.shape, shape, allocate(x.dtype, sizeOf(shape))), shape),
  // dx = G summed over the broadcast axes (done by the engine's broadcast reduction)
  backward: (g) => [g],
});

export const Cast = defineOp<[Tensor], { dtype: DType }>({
  name: 'Cast',
  forward: ([x], { dtype }) => {
    const out = allocate(dtype, x.size);
    out.set(x.data);
    return Tensor._wrap(out, x.shape);
  },
  // dx = G in x's dtype (the engine casts every gradient to its input's dtype)
  backward: (g) => [g],
});

/** @internal The functional `grad`'s handle on an argument that an outer trace differentiates. */
export function identity(x: Tensor): Tensor {
  return Identity([x]);
}

/**
 * The same values in a new shape of the same size; one dimension may be -1 (inferred). Shares the buffer.
 * d/dx reshape(x) = reshape(G, shape of x).
 * @param x - a tensor.
 * @param shape - the new shape.
 * @throws {@link ShapeError} when the sizes differ or -1 cannot be inferred.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, reshape } from 'tinygrad-ts';
 * console.log(reshape(Tensor.arange(6), [2, -1]).shape); // [2, 3]
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  requireTensor(x, 'reshape');
  const resolved = resolveShape(x, shape);
  return shapesEqual(resolved, x.shape) ? x : Reshape([x], { shape: resolved });
}

function resolveShape(x: Tensor, shape: readonly number[]): Shape {
  if (!Array.isArray(shape)) throw new ShapeError(`reshape: shape must be an array, got ${describe(shape)}`);
  const infer = shape.indexOf(-1);
  if (infer !== shape.lastIndexOf(-1)) throw new ShapeError(`reshape: only one dimension can be -1, got ${formatShape(shape)}`);
  let resolved = shape;
  if (infer >= 0) {
    const known = sizeOf(shape.filter((_, i) => i !== infer));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(`reshape: cannot reshape a tensor of shape ${formatShape(x.shape)} (size ${x.size}) into ${formatShape(shape)}`);
    }
    resolved = shape.map((d, i) => (i === infer ? x.size / known : d));
  }
  const checked = checkShape(resolved, 'reshape');
  if (sizeOf(checked) !== x.size) {
    throw new ShapeError(`reshape: cannot reshape a tensor of shape ${formatShape(x.shape)} (size ${x.size}) into ${formatShape(shape)} (size ${sizeOf(checked)})`);
  }
  return checked;
}

/**
 * Reorders the axes: output axis i is input axis `axes[i]`. d/dx = permute(G, inverse of axes).
 * @param x - a tensor.
 * @param axes - a permutation of 0 … ndim−1 (negative axes count from the end).
 * @throws {@link AxisError} when `axes` is not a permutation.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, permute } from 'tinygrad-ts';
 * console.log(permute(Tensor.zeros([2, 3, 4]), [2, 0, 1]).shape); // [4, 2, 3]
 * ```
 */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  requireTensor(x, 'permute');
  if (!Array.isArray(axes) || axes.length !== x.ndim) {
    throw new AxisError(`permute: axes ${describe(axes)} must list each of the ${x.ndim} axes of a tensor of shape ${formatShape(x.shape)} once`);
  }
  const resolved = Array.from(axes, (a) => normalizeAxis(a, x.ndim, 'permute')); // visits holes of a sparse list
  if (new Set(resolved).size !== resolved.length) {
    throw new AxisError(`permute: axes ${describe(axes)} repeat an axis`);
  }
  return resolved.every((a, i) => a === i) ? x : Permute([x], { axes: resolved });
}

/**
 * Transpose: with no axes, reverses all axes (the matrix transpose for 2-D); with two axes, swaps them.
 * d/dx = the same transpose of G (a transpose is its own inverse).
 * @param x - a tensor.
 * @param axis0 - first axis to swap (optional).
 * @param axis1 - second axis to swap (optional).
 * @throws {@link AxisError} for an out-of-range axis.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, transpose } from 'tinygrad-ts';
 * console.log(transpose(Tensor.from([[1, 2, 3], [4, 5, 6]])).toArray()); // [[1, 4], [2, 5], [3, 6]]
 * ```
 */
export function transpose(x: Tensor, axis0?: number, axis1?: number): Tensor {
  requireTensor(x, 'transpose');
  const axes = Array.from({ length: x.ndim }, (_, i) => x.ndim - 1 - i);
  if (axis0 === undefined && axis1 === undefined) return permute(x, axes);
  const a = normalizeAxis(axis0, x.ndim, 'transpose');
  const b = normalizeAxis(axis1, x.ndim, 'transpose');
  const swapped = Array.from({ length: x.ndim }, (_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, swapped);
}

/**
 * Broadcasts to a larger shape (NumPy rules) by copying. d/dx = G summed over the broadcast axes.
 * @param x - a tensor.
 * @param shape - the target shape; `x.shape` must broadcast to it.
 * @throws {@link ShapeError} when `x` does not broadcast to `shape`.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, expand } from 'tinygrad-ts';
 * console.log(expand(Tensor.from([1, 2]), [2, 2]).toArray()); // [[1, 2], [1, 2]]
 * ```
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  requireTensor(x, 'expand');
  const target = checkShape(shape, 'expand');
  if (!broadcastsTo(x.shape, target)) {
    throw new ShapeError(`expand: shape ${formatShape(x.shape)} cannot be broadcast to ${formatShape(target)}`);
  }
  return shapesEqual(x.shape, target) ? x : Expand([x], { shape: target });
}

/**
 * Flattens to one dimension (shares the buffer). d/dx = G reshaped to x's shape.
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, flatten } from 'tinygrad-ts';
 * console.log(flatten(Tensor.zeros([2, 3])).shape); // [6]
 * ```
 */
export function flatten(x: Tensor): Tensor {
  requireTensor(x, 'flatten');
  return reshape(x, [x.size]);
}

/**
 * Removes size-1 axes: the given one, or all of them. d/dx = G reshaped to x's shape.
 * @param x - a tensor.
 * @param axis - the axis to remove (must have size 1); all size-1 axes when omitted.
 * @throws {@link ShapeError} when the axis does not have size 1; {@link AxisError} when out of range.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, squeeze } from 'tinygrad-ts';
 * console.log(squeeze(Tensor.zeros([1, 3, 1])).shape); // [3]
 * ```
 */
export function squeeze(x: Tensor, axis?: number): Tensor {
  requireTensor(x, 'squeeze');
  if (axis === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const a = normalizeAxis(axis, x.ndim, 'squeeze');
  if (x.shape[a] !== 1) {
    throw new ShapeError(`squeeze: axis ${axis} of a tensor of shape ${formatShape(x.shape)} has size ${x.shape[a]}, not 1`);
  }
  return reshape(x, x.shape.filter((_, i) => i !== a));
}

/**
 * Inserts a size-1 axis at `axis` (negative counts from the end of the new shape). d/dx = G reshaped to x's shape.
 * @param x - a tensor.
 * @param axis - where the new axis goes, in −(ndim+1) … ndim.
 * @throws {@link AxisError} when out of range.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, unsqueeze } from 'tinygrad-ts';
 * console.log(unsqueeze(Tensor.zeros([3]), 0).shape); // [1, 3]
 * ```
 */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  requireTensor(x, 'unsqueeze');
  const a = normalizeAxis(axis, x.ndim + 1, 'unsqueeze');
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}

/**
 * Converts to another dtype (a copy). The gradient is cast back to the input's dtype.
 * @param x - a tensor.
 * @param dtype - `'float32'` or `'float64'`.
 * @throws {@link DTypeError} for an unknown dtype.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, cast } from 'tinygrad-ts';
 * console.log(cast(Tensor.from([1.5]), 'float64').dtype); // float64
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  requireTensor(x, 'cast');
  const d = checkDType(dtype, 'cast');
  return d === x.dtype ? x : Cast([x], { dtype: d });
}
