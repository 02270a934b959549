import * as fc from 'fast-check';
import type { DType } from '../dtype.js';
import { InvalidArgumentError } from '../errors.js';
import { Tensor } from '../tensor.js';

/**
 * Bounds of {@link shapeArb}.
 * @category Testing
 */
export interface ShapeConstraints {
  /** Fewest dimensions (default 0: scalars included). */
  readonly minRank?: number;
  /** Most dimensions (default 3). */
  readonly maxRank?: number;
  /** Smallest dimension (default 1). */
  readonly minDim?: number;
  /** Largest dimension (default 4; gradient checks cost one backward per output element). */
  readonly maxDim?: number;
}

/**
 * Shapes: arrays of dimensions, small by default so that gradient checks stay fast.
 * @param c - rank and dimension bounds.
 * @returns an arbitrary of shapes such as `[]`, `[3]`, `[2, 1, 4]`.
 * @category Testing
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { shapeArb } from 'tinygrad-ts/testing';
 * console.log(fc.sample(shapeArb({ minRank: 1, maxRank: 2 }), { numRuns: 3, seed: 1 }));
 * ```
 */
export function shapeArb(c: ShapeConstraints = {}): fc.Arbitrary<number[]> {
  const dim = fc.integer({ min: c.minDim ?? 1, max: c.maxDim ?? 4 });
  return fc.array(dim, { minLength: c.minRank ?? 0, maxLength: c.maxRank ?? 3 });
}

/**
 * Pairs of shapes that broadcast together (NumPy rules): both derive from one full shape by dropping
 * leading dimensions and setting some dimensions to 1, so every broadcasting pattern is reachable.
 * @param c - bounds of the full shape.
 * @returns an arbitrary of `[shapeA, shapeB]`.
 * @category Testing
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { broadcastShapesArb } from 'tinygrad-ts/testing';
 * console.log(fc.sample(broadcastShapesArb(), { numRuns: 2, seed: 1 })); // e.g. [[[2, 1], [3, 1, 4]], …]
 * ```
 */
export function broadcastShapesArb(c: ShapeConstraints = {}): fc.Arbitrary<[number[], number[]]> {
  return shapeArb(c).chain((full) => fc.tuple(broadcastableTo(full), broadcastableTo(full)));
}

/**
 * Shapes that broadcast to `full`: a suffix of it with some dimensions replaced by 1.
 * @param full - the target shape.
 * @returns an arbitrary of shapes `s` with `expand(s → full)` valid.
 * @category Testing
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { broadcastableTo } from 'tinygrad-ts/testing';
 * console.log(fc.sample(broadcastableTo([2, 3]), { numRuns: 3, seed: 1 })); // e.g. [[3], [2, 1], []]
 * ```
 */
export function broadcastableTo(full: readonly number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(fc.integer({ min: 0, max: full.length }), fc.array(fc.boolean(), { minLength: full.length, maxLength: full.length }))
    .map(([drop, ones]) => full.slice(drop).map((d, i) => (ones[i + drop] === true ? 1 : d)));
}

/**
 * Operand shapes for a batched matrix product `A·B`: `[...batchA, m, k]` and `[...batchB, k, n]` with
 * broadcast-compatible batch dimensions.
 * @param c - bounds: `maxDim` for m, k, n and the batch dimensions, `maxRank` for the batch rank (default 1).
 * @returns an arbitrary of `[shapeA, shapeB]`.
 * @category Testing
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { matmulShapesArb } from 'tinygrad-ts/testing';
 * console.log(fc.sample(matmulShapesArb(), { numRuns: 2, seed: 1 })); // e.g. [[[2, 3], [3, 1]], …]
 * ```
 */
export function matmulShapesArb(c: ShapeConstraints = {}): fc.Arbitrary<[number[], number[]]> {
  const dim = fc.integer({ min: c.minDim ?? 1, max: c.maxDim ?? 4 });
  const batch = shapeArb({ minRank: 0, maxRank: c.maxRank ?? 1, minDim: 1, maxDim: c.maxDim ?? 3 });
  return fc
    .tuple(dim, dim, dim, batch.chain((b) => fc.tuple(broadcastableTo(b), broadcastableTo(b))))
    .map(([m, k, n, [ba, bb]]) => [[...ba, m, k], [...bb, k, n]]);
}

/**
 * How the values of {@link tensorArb} are drawn: bounded, and kept away from an op's kinks and poles.
 * @category Testing
 */
export interface TensorConstraints {
  /** Smallest value (default −2). */
  readonly min?: number;
  /** Largest value (default 2). */
  readonly max?: number;
  /** Points to stay away from, e.g. `[0]` for abs, relu or a divisor (default none). */
  readonly avoid?: readonly number[];
  /** The distance kept from each `avoid` point (default 0.1): beyond any finite-difference step. */
  readonly margin?: number;
  /**
   * When set, all values of a tensor differ pairwise by at least this much (for max, argmax: no near-ties).
   * Needs (max − min) / distinct ≥ the number of elements.
   */
  readonly distinct?: number;
  /** Element type (default `'float64'`, what gradient checks want). */
  readonly dtype?: DType;
}

/** Counterexamples print as code that rebuilds them exactly (JSON round-trips doubles), ready for a regression case. */
function printable(t: Tensor): Tensor {
  const code = `Tensor.from(${JSON.stringify(t.toArray())}, { dtype: '${t.dtype}', shape: ${JSON.stringify(t.shape)} })`;
  Object.defineProperty(t, fc.toStringMethod, { value: () => code, enumerable: false });
  return t;
}

/** Moves v at least `margin` away from each avoided point, to the side it was on (so it may leave [min, max] by up to margin). */
function keepAway(v: number, avoid: readonly number[], margin: number): number {
  for (const p of avoid) {
    if (Math.abs(v - p) < margin) v = v >= p ? p + margin : p - margin;
  }
  return v;
}

/**
 * Well-conditioned tensors of a given shape: finite values in [min, max], kept `margin` away from the
 * `avoid` points (kinks and poles), optionally pairwise `distinct` (no ties), float64 by default.
 * @param shape - the tensor's shape.
 * @param c - value bounds, points to avoid, distinctness and dtype.
 * @returns an arbitrary of tensors (shrinking towards small values).
 * @category Testing
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { tensorArb } from 'tinygrad-ts/testing';
 * // positive inputs for log and sqrt
 * const [t] = fc.sample(tensorArb([2, 2], { min: 0.2, max: 3 }), { numRuns: 1, seed: 1 });
 * console.log(t?.shape, t?.dtype); // [2, 2] float64
 * ```
 */
export function tensorArb(shape: readonly number[], c: TensorConstraints = {}): fc.Arbitrary<Tensor> {
  const min = c.min ?? -2;
  const max = c.max ?? 2;
  const size = shape.reduce((a, b) => a * b, 1);
  const dtype = c.dtype ?? 'float64';
  const make = (values: number[]): Tensor => printable(Tensor.from(values, { dtype, shape }));
  if (c.distinct !== undefined) return distinctTensorArb(shape, size, min, max, c.distinct, c, make);
  const value = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc
    .array(value, { minLength: size, maxLength: size })
    .map((vs) => make(vs.map((v) => keepAway(v, c.avoid ?? [], c.margin ?? 0.1))));
}

/** Distinct grid points (shuffled) plus one common offset below half a cell: pairwise gaps stay ≥ d. */
function distinctTensorArb(
  shape: readonly number[], size: number, min: number, max: number, d: number, c: TensorConstraints, make: (v: number[]) => Tensor,
): fc.Arbitrary<Tensor> {
  const margin = c.margin ?? 0.1;
  const cells: number[] = [];
  for (let k = 0; min + (k + 0.5) * d <= max; k++) {
    const lo = min + k * d;
    const hi = lo + 0.5 * d;
    if ((c.avoid ?? []).every((p) => p + margin <= lo || p - margin >= hi)) cells.push(lo);
  }
  if (cells.length < size) {
    throw new InvalidArgumentError(
      `tensorArb: ${size} values of shape [${shape.join(', ')}] cannot be ${d} apart within [${min}, ${max}] (room for ${cells.length}); widen the range or lower distinct`,
    );
  }
  const index = fc.integer({ min: 0, max: cells.length - 1 });
  return fc
    .tuple(fc.uniqueArray(index, { minLength: size, maxLength: size }), fc.double({ min: 0, max: 0.5, noNaN: true }))
    .map(([ks, off]) => make(ks.map((k) => (cells[k] as number) + off * d)));
}

/**
 * Tensors of random shapes: {@link shapeArb} then {@link tensorArb}.
 * @param shape - bounds of the shape.
 * @param values - bounds of the values.
 * @returns an arbitrary of tensors.
 * @category Testing
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { anyTensorArb } from 'tinygrad-ts/testing';
 * fc.assert(fc.property(anyTensorArb({ maxRank: 2 }), (t) => t.size === t.toTypedArray().length), { numRuns: 10 });
 * ```
 */
export function anyTensorArb(shape: ShapeConstraints = {}, values: TensorConstraints = {}): fc.Arbitrary<Tensor> {
  return shapeArb(shape).chain((s) => tensorArb(s, values));
}
