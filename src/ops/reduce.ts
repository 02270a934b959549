import { defineOp } from '../autodiff/define-op.js';
import { allocate, type TypedArray } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { maxAxis, sumAxis } from '../kernels/reduce.js';
import { booleanOption, readOptions } from '../_internal/options.js';
import { formatShape, keepdimsShape, normalizeAxes, type Shape } from '../_internal/shape.js';
import { Tensor } from '../tensor.js';
import { requireTensor, splitAt } from './_helpers.js';
import { div, mul } from './arithmetic.js';
import { expand, reshape } from './movement.js';

/**
 * Options of the reductions `sum`, `mean` and `max`.
 * @category Ops
 */
export interface ReduceOptions {
  /** Keep each reduced axis as a dimension of size 1 (default false). */
  readonly keepdims?: boolean;
}

/** An axis, a list of axes, or every axis when omitted. @category Ops */
export type Axes = number | readonly number[] | undefined;

interface ReduceAttrs {
  readonly axes: readonly number[];
  readonly keepdims: boolean;
}

/** Reduces `axes` one at a time with `kernel`, returning the data and its keepdims shape. */
function reduceData(
  x: Tensor, axes: readonly number[],
  kernel: (x: TypedArray, outer: number, n: number, inner: number, out: TypedArray) => TypedArray,
): Tensor {
  let data = x.data;
  const shape = [...x.shape];
  for (const axis of axes) {
    const [outer, n, inner] = splitAt(shape, axis);
    data = kernel(data, outer, n, inner, allocate(x.dtype, outer * inner));
    shape[axis] = 1;
  }
  return Tensor._wrap(data === x.data ? data.slice() : data, shape);
}

function outShape(x: Tensor, { axes, keepdims }: ReduceAttrs): Shape {
  const kept = keepdimsShape(x.shape, axes);
  return keepdims ? kept : kept.filter((_, i) => !axes.includes(i));
}

/** G of a reduction broadcast back over x's shape. */
function spread(g: Tensor, x: Tensor, axes: readonly number[]): Tensor {
  return expand(reshape(g, keepdimsShape(x.shape, axes)), x.shape);
}

export const Sum = defineOp<[Tensor], ReduceAttrs>({
  name: 'Sum',
  forward: ([x], attrs) => reshape(reduceData(x, attrs.axes, sumAxis), outShape(x, attrs)),
  // dx = G broadcast over the reduced axes
  backward: (g, { inputs: [x], attrs: { axes } }) => [spread(g, x, axes)],
});

export const Mean = defineOp<[Tensor], ReduceAttrs>({
  name: 'Mean',
  forward: ([x], attrs) => div(Sum([x], attrs), count(x, attrs.axes)),
  // dx = G / n broadcast over the reduced axes (n = number of elements averaged)
  backward: (g, { inputs: [x], attrs: { axes } }) => [div(spread(g, x, axes), count(x, axes))],
});

export const Max = defineOp<[Tensor], ReduceAttrs>({
  name: 'Max',
  forward: ([x], attrs) => {
    for (const a of attrs.axes) {
      if (x.shape[a] === 0) throw new ShapeError(`max: cannot reduce axis ${a} of size 0 (shape ${formatShape(x.shape)}): the maximum of nothing is undefined`);
    }
    return reshape(reduceData(x, attrs.axes, maxAxis), outShape(x, attrs));
  },
  // dx = G at the arg-max, split evenly between ties: G · [x = max] / #ties
  backward: (g, { inputs: [x], output, attrs: { axes } }) => [mul(spread(g, x, axes), tieWeights(x, output, axes))],
});

/** 1/k where x equals its maximum (k ties), 0 elsewhere; a constant, since the arg-max is piecewise constant. */
function tieWeights(x: Tensor, max: Tensor, axes: readonly number[]): Tensor {
  const m = spread(max.detach(), x, axes).data;
  const hits = Tensor._wrap(x.data.map((v, i) => (v === m[i] ? 1 : 0)), x.shape);
  const ties = spread(reduceData(hits, axes, sumAxis), x, axes).data;
  return Tensor._wrap(hits.data.map((h, i) => h / (ties[i] as number)), x.shape);
}

function count(x: Tensor, axes: readonly number[]): number {
  let n = 1;
  for (const a of axes) n *= x.shape[a] as number;
  return n;
}

function attrsOf(x: Tensor, axis: Axes, options: ReduceOptions | undefined, op: string): ReduceAttrs {
  requireTensor(x, op);
  const { keepdims } = readOptions<ReduceOptions>(options, ['keepdims'], op);
  return { axes: normalizeAxes(axis, x.ndim, op), keepdims: booleanOption(keepdims, false, op, 'keepdims') };
}

/**
 * Sum over an axis, several axes, or all (default). d/dx = G broadcast back over the reduced axes.
 * Summing an empty axis gives 0.
 * @param x - a tensor.
 * @param axis - an axis, a list of axes, or omitted for all.
 * @param options - `keepdims`: keep reduced axes as size 1.
 * @throws {@link AxisError} for a bad axis.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, sum } from 'tinygrad-ts';
 * const x = Tensor.from([[1, 2], [3, 4]]);
 * console.log(sum(x).item(), sum(x, 0).toArray(), sum(x, 1, { keepdims: true }).toArray()); // 10 [4, 6] [[3], [7]]
 * ```
 */
export function sum(x: Tensor, axis?: Axes, options?: ReduceOptions): Tensor {
  return Sum([x], attrsOf(x, axis, options, 'sum'));
}

/**
 * Mean over an axis, several axes, or all (default). d/dx = G/n broadcast back, n the count averaged.
 * The mean of an empty axis is NaN (0/0), as in NumPy.
 * @param x - a tensor.
 * @param axis - an axis, a list of axes, or omitted for all.
 * @param options - `keepdims`: keep reduced axes as size 1.
 * @throws {@link AxisError} for a bad axis.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, mean } from 'tinygrad-ts';
 * console.log(mean(Tensor.from([[1, 2], [3, 4]]), 1).toArray()); // [1.5, 3.5]
 * ```
 */
export function mean(x: Tensor, axis?: Axes, options?: ReduceOptions): Tensor {
  return Mean([x], attrsOf(x, axis, options, 'mean'));
}

/**
 * Maximum over an axis, several axes, or all (default); NaN propagates.
 * Gradient: G flows to the arg-max; **ties share it equally** (each of k tied maxima gets G/k). Where the reduced
 * values include a NaN, the maximum is NaN and every element reduced into it gets a NaN gradient (no arg-max exists).
 * @param x - a tensor.
 * @param axis - an axis, a list of axes, or omitted for all.
 * @param options - `keepdims`: keep reduced axes as size 1.
 * @throws {@link AxisError} for a bad axis; {@link ShapeError} when reducing an axis of size 0.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, max } from 'tinygrad-ts';
 * console.log(max(Tensor.from([[1, 5], [7, 2]]), 1).toArray()); // [5, 7]
 * ```
 */
export function max(x: Tensor, axis?: Axes, options?: ReduceOptions): Tensor {
  return Max([x], attrsOf(x, axis, options, 'max'));
}

/** @internal Sums a gradient of a broadcast shape back to `shape` (the engine's broadcast reduction). */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  const lead = g.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  return reshape(sum(g, axes, { keepdims: true }), shape);
}
