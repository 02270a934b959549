import type { TapeNode } from './autodiff/define-op.js';
import { backwardFrom, type BackwardCallOptions } from './autodiff/grad.js';
import { nextTensorId } from './autodiff/state.js';
import { allocate, checkDType, dtypeOf, type DType, type TypedArray } from './dtype.js';
import { InvalidArgumentError } from './errors.js';
import * as ops from './ops/index.js';
import type { Axes, CrossEntropyOptions, ReduceOptions, TensorLike } from './ops/index.js';
import { rngFor } from './random.js';
import { formatValues } from './_internal/format.js';
import { booleanOption, readOptions } from './_internal/options.js';
import { flattenInto, nestedShape, toNested, type NestedArray } from './_internal/nested.js';
import { checkShape, describe, formatShape, sizeOf, type Shape } from './_internal/shape.js';

export type { NestedArray } from './_internal/nested.js';

/**
 * Options for creating a tensor.
 * @category Tensor
 */
export interface TensorOptions {
  /** Element type: `'float32'` (default) or `'float64'`. */
  readonly dtype?: DType;
  /** Record operations on this tensor so that `backward()` can fill its `.grad` (default false). */
  readonly requiresGrad?: boolean;
}

/**
 * Options of {@link Tensor.from}.
 * @category Tensor
 */
export interface FromOptions extends TensorOptions {
  /** The shape of a flat typed array or array (default: inferred from nesting, or 1-D). */
  readonly shape?: readonly number[];
}

/**
 * Options of {@link Tensor.rand} and {@link Tensor.randn}.
 * @category Tensor
 */
export interface RandomOptions extends TensorOptions {
  /** Seed of a fresh generator: the same seed gives the same numbers everywhere. Without it, the global generator (see `manualSeed`) is used. */
  readonly seed?: number;
}

const BRAND = Symbol.for('tinygrad-ts.Tensor');

/**
 * True when `x` is a tensor of this library (also one from its other ESM/CJS build: no `instanceof`).
 * @param x - any value.
 * @category Tensor
 * @example
 * ```ts
 * import { Tensor, isTensor } from 'tinygrad-ts';
 * console.log(isTensor(Tensor.zeros([2])), isTensor([1, 2])); // true false
 * ```
 */
export function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * An n-dimensional array of float32 or float64 numbers (row-major, contiguous) that records the operations
 * applied to it, so that gradients can be computed by reverse mode. Tensors are immutable values:
 * every op returns a new tensor.
 * @category Tensor
 * @example
 * ```ts
 * import { Tensor } from 'tinygrad-ts';
 * const w = Tensor.from([[1, 2], [3, 4]], { requiresGrad: true });
 * const loss = w.mul(w).sum();
 * loss.backward();
 * console.log(w.grad?.toArray()); // [[2, 4], [6, 8]]
 * ```
 */
export class Tensor {
  /** The values, row-major. Shared with views (reshape): treat it as read-only. */
  readonly data: TypedArray;
  /** The size of each dimension; `[]` for a scalar. */
  readonly shape: readonly number[];
  /** Whether operations on this tensor are recorded for differentiation. */
  requiresGrad: boolean;
  /** The gradient that `backward()` accumulated into this leaf tensor, or `null`. Set it to `null` to reset. */
  grad: Tensor | null = null;
  /** @internal The tape node that produced this tensor (null for leaves and unrecorded results). */
  _node: TapeNode | null = null;
  /** The dtype, read once: the backward pass asks every input's dtype, and reading it off `data` touches one more object. */
  private readonly _dtype: DType;

  /** @internal Creation number: defineOp wraps a forward result created before the op ran (a cached constant). */
  readonly _id: number;

  /** @internal Use the static constructors (`Tensor.from`, `Tensor.zeros`, …). */
  private constructor(data: TypedArray, shape: Shape, requiresGrad: boolean, dtype: DType) {
    this.data = data;
    this.shape = shape;
    this.requiresGrad = requiresGrad;
    this._dtype = dtype;
    this._id = nextTensorId();
  }

  /** @internal Brand for {@link isTensor}. */
  get [BRAND](): true {
    return true;
  }

  /** @internal Wraps a typed array without copying (the caller gives up ownership). */
  static _wrap(data: TypedArray, shape: Shape, requiresGrad = false): Tensor {
    return new Tensor(data, Object.isFrozen(shape) ? shape : Object.freeze([...shape]), requiresGrad, dtypeOf(data));
  }

  /** @internal {@link Tensor._wrap} for the per-op hot path: `shape` is frozen and `dtype` is the one `data` was allocated with. */
  static _wrapKnown(data: TypedArray, shape: Shape, dtype: DType): Tensor {
    return new Tensor(data, shape, false, dtype);
  }

  // ---------------------------------------------------------------- creation

  /**
   * Creates a tensor from a number, a nested array of numbers, or a typed array (copied).
   * @param values - a number, nested arrays (rectangular), a typed array or a flat array.
   * @param options - `shape` for flat input, `dtype` (default float32, or float64 for a Float64Array), `requiresGrad`.
   * @throws {@link ShapeError} for ragged nesting or a `shape` whose size differs; {@link InvalidArgumentError} for non-numbers; {@link DTypeError} for an unknown dtype.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * const a = Tensor.from([[1, 2, 3], [4, 5, 6]]);
   * const b = Tensor.from(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] });
   * console.log(a.shape, b.dtype); // [2, 3] float64
   * ```
   */
  static from(values: NestedArray | ArrayLike<number>, options: FromOptions = {}): Tensor {
    const opts = readOptions<FromOptions>(options, ['dtype', 'requiresGrad', 'shape'], 'Tensor.from');
    const fallback: DType = values instanceof Float64Array ? 'float64' : 'float32';
    const dtype = opts.dtype === undefined ? fallback : checkDType(opts.dtype, 'Tensor.from');
    let data: TypedArray;
    let shape: Shape;
    if (ArrayBuffer.isView(values)) {
      // BigInt arrays and DataViews have no numbers to copy: reject them here, not with a TypeError from set()
      if (values instanceof DataView || values instanceof BigInt64Array || values instanceof BigUint64Array) {
        throw new InvalidArgumentError(`Tensor.from: expected numbers, got ${describe(values)}`);
      }
      const arr = values as unknown as ArrayLike<number>;
      data = allocate(dtype, arr.length);
      data.set(arr);
      shape = [arr.length];
    } else {
      const inferred = nestedShape(values, 'Tensor.from');
      data = allocate(dtype, sizeOf(inferred));
      flattenInto(values as NestedArray, data);
      shape = inferred;
    }
    if (opts.shape !== undefined) {
      const wanted = checkShape(opts.shape, 'Tensor.from');
      if (sizeOf(wanted) !== data.length) {
        throw new InvalidArgumentError(`Tensor.from: shape ${formatShape(wanted)} needs ${sizeOf(wanted)} values, got ${data.length} (shape ${formatShape(shape)})`);
      }
      shape = wanted;
    }
    return Tensor._wrap(data, shape, booleanOption(opts.requiresGrad, false, 'Tensor.from', 'requiresGrad'));
  }

  /**
   * A zero-dimensional tensor holding one number.
   * @param value - the number.
   * @param options - `dtype`, `requiresGrad`.
   * @throws {@link InvalidArgumentError} when `value` is not a number.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.scalar(3).shape, Tensor.scalar(3).item()); // [] 3
   * ```
   */
  static scalar(value: number, options: TensorOptions = {}): Tensor {
    if (typeof value !== 'number') throw new InvalidArgumentError(`Tensor.scalar: expected a number, got ${describe(value)}`);
    return Tensor._fill([], value, options, 'Tensor.scalar');
  }

  /**
   * A tensor of the given shape filled with `value`.
   * @param shape - non-negative integer dimensions.
   * @param value - the fill value.
   * @param options - `dtype`, `requiresGrad`.
   * @throws {@link InvalidArgumentError} for a bad shape.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.full([2], 7).toArray()); // [7, 7]
   * ```
   */
  static full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
    return Tensor._fill(shape, value, options, 'Tensor.full');
  }

  /** @internal `full` with the public function's name for errors. */
  static _fill(shape: readonly number[], value: number, options: TensorOptions | undefined, where: string): Tensor {
    const opts = readOptions<TensorOptions>(options, ['dtype', 'requiresGrad'], where);
    const s = checkShape(shape, where);
    if (typeof value !== 'number') throw new InvalidArgumentError(`${where}: fill value must be a number, got ${describe(value)}`);
    const data = allocate(checkDType(opts.dtype ?? 'float32', where), sizeOf(s));
    if (value !== 0) data.fill(value);
    return Tensor._wrap(data, s, booleanOption(opts.requiresGrad, false, where, 'requiresGrad'));
  }

  /**
   * A tensor of zeros.
   * @param shape - non-negative integer dimensions.
   * @param options - `dtype`, `requiresGrad`.
   * @throws {@link InvalidArgumentError} for a bad shape; {@link DTypeError} for an unknown dtype.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([2, 2]).toArray()); // [[0, 0], [0, 0]]
   * ```
   */
  static zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
    return Tensor._fill(shape, 0, options, 'Tensor.zeros');
  }

  /**
   * A tensor of ones.
   * @param shape - non-negative integer dimensions.
   * @param options - `dtype`, `requiresGrad`.
   * @throws {@link InvalidArgumentError} for a bad shape; {@link DTypeError} for an unknown dtype.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.ones([3]).toArray()); // [1, 1, 1]
   * ```
   */
  static ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
    return Tensor._fill(shape, 1, options, 'Tensor.ones');
  }

  /**
   * The n×n identity matrix.
   * @param n - the number of rows and columns.
   * @param options - `dtype`, `requiresGrad`.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.eye(2).toArray()); // [[1, 0], [0, 1]]
   * ```
   */
  static eye(n: number, options: TensorOptions = {}): Tensor {
    const t = Tensor._fill([n, n], 0, options, 'Tensor.eye');
    for (let i = 0; i < n; i++) t.data[i * n + i] = 1;
    return t;
  }

  /**
   * Evenly spaced values in [start, stop) — `arange(stop)` counts from 0, like NumPy.
   * @param start - the first value (or the stop, when it is the only argument).
   * @param stop - the end, excluded.
   * @param step - the spacing (default 1, must not be 0).
   * @param options - `dtype`, `requiresGrad`.
   * @throws {@link InvalidArgumentError} for a zero or non-finite step.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.arange(4).toArray(), Tensor.arange(1, 2, 0.25).toArray()); // [0, 1, 2, 3] [1, 1.25, 1.5, 1.75]
   * ```
   */
  static arange(start: number, stop?: number, step = 1, options: TensorOptions = {}): Tensor {
    const [from, to] = stop === undefined ? [0, start] : [start, stop];
    if (![from, to, step].every((v) => typeof v === 'number' && Number.isFinite(v)) || step === 0) {
      throw new InvalidArgumentError(`Tensor.arange: start, stop and step must be finite numbers with step ≠ 0, got (${describe(from)}, ${describe(to)}, ${describe(step)})`);
    }
    const n = Math.max(0, Math.ceil((to - from) / step));
    const t = Tensor._fill([n], 0, options, 'Tensor.arange');
    for (let i = 0; i < n; i++) t.data[i] = from + i * step;
    return t;
  }

  /**
   * Uniform random numbers in [0, 1) from a seeded generator.
   * @param shape - non-negative integer dimensions.
   * @param options - `seed` (a fresh generator; without it the global one), `dtype`, `requiresGrad`.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * const a = Tensor.rand([3], { seed: 1 });
   * const b = Tensor.rand([3], { seed: 1 });
   * console.log(a.toTypedArray().join() === b.toTypedArray().join()); // true
   * ```
   */
  static rand(shape: readonly number[], options: RandomOptions = {}): Tensor {
    const { seed, ...rest } = readOptions<RandomOptions>(options, ['dtype', 'requiresGrad', 'seed'], 'Tensor.rand');
    const t = Tensor._fill(shape, 0, rest, 'Tensor.rand');
    const rng = rngFor(seed);
    for (let i = 0; i < t.size; i++) t.data[i] = rng.uniform();
    return t;
  }

  /**
   * Standard normal random numbers from a seeded generator.
   * @param shape - non-negative integer dimensions.
   * @param options - `seed` (a fresh generator; without it the global one), `dtype`, `requiresGrad`.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.randn([2, 3], { seed: 0 }).shape); // [2, 3]
   * ```
   */
  static randn(shape: readonly number[], options: RandomOptions = {}): Tensor {
    const { seed, ...rest } = readOptions<RandomOptions>(options, ['dtype', 'requiresGrad', 'seed'], 'Tensor.randn');
    const t = Tensor._fill(shape, 0, rest, 'Tensor.randn');
    const rng = rngFor(seed);
    for (let i = 0; i < t.size; i++) t.data[i] = rng.normal();
    return t;
  }

  // ---------------------------------------------------------------- reading

  /**
   * The element type: `'float32'` or `'float64'`.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([2]).dtype, Tensor.zeros([2], { dtype: 'float64' }).dtype); // float32 float64
   * ```
   */
  get dtype(): DType {
    return this._dtype;
  }

  /**
   * The number of elements (the product of the shape; 1 for a scalar).
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([2, 3]).size); // 6
   * ```
   */
  get size(): number {
    return this.data.length;
  }

  /**
   * The number of dimensions (0 for a scalar).
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([2, 3]).ndim, Tensor.scalar(1).ndim); // 2 0
   * ```
   */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * The values as nested arrays (a plain number for a scalar).
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.eye(2).toArray()); // [[1, 0], [0, 1]]
   * ```
   */
  toArray(): NestedArray {
    return toNested(this.data, this.shape);
  }

  /**
   * The value of a one-element tensor, as a number.
   * @throws {@link InvalidArgumentError} when the tensor has more or fewer than one element.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([[5]]).item()); // 5
   * ```
   */
  item(): number {
    if (this.size !== 1) {
      throw new InvalidArgumentError(`item: only one-element tensors can be converted to a number, this one has shape ${formatShape(this.shape)} (${this.size} elements)`);
    }
    return this.data[0] as number;
  }

  /**
   * A copy of the values as a typed array (Float32Array or Float64Array), row-major.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.ones([2]).toTypedArray()); // Float32Array(2) [1, 1]
   * ```
   */
  toTypedArray(): TypedArray {
    return this.data.slice();
  }

  /**
   * A readable, NumPy-like rendering; the middle of tensors over 1000 elements is elided.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(String(Tensor.eye(2)));
   * // Tensor(float32, shape [2, 2])
   * // [[1, 0],
   * //  [0, 1]]
   * ```
   */
  toString(): string {
    const tag = this.requiresGrad ? ', requiresGrad' : '';
    return `Tensor(${this.dtype}, shape ${formatShape(this.shape)}${tag})\n${formatValues(this.data, this.shape)}`;
  }

  // ---------------------------------------------------------------- autodiff

  /**
   * A tensor with the same values and no gradient history.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * const x = Tensor.ones([2], { requiresGrad: true });
   * console.log(x.mul(2).detach().requiresGrad); // false
   * ```
   */
  detach(): Tensor {
    return Tensor._wrap(this.data, this.shape);
  }

  /**
   * Reverse-mode sweep from this tensor: adds d(this)/d(leaf) to the `.grad` of every leaf created with
   * `requiresGrad: true` (accumulating across calls until you reset `.grad`). Frees the graph unless `retainGraph`.
   * @param gradOutput - the output gradient; required unless this tensor has one element.
   * @param options - `retainGraph`, `createGraph` (record the backward pass for higher-order gradients).
   * @throws {@link AutodiffError} for a tensor that does not require grad, a many-element tensor without
   * `gradOutput`, or a graph already freed.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * const x = Tensor.from([1, 2], { requiresGrad: true });
   * x.mul(3).sum().backward();
   * console.log(x.grad?.toArray()); // [3, 3]
   * ```
   */
  backward(gradOutput?: Tensor, options: BackwardCallOptions = {}): void {
    backwardFrom(this, gradOutput, options);
  }

  // ---------------------------------------------------------------- ops (sugar over the functions in ops/)

  /**
   * Elementwise `this + other` with broadcasting. See {@link add}.
   * @param other - a tensor or number, broadcast against this one.
   * @throws {@link ShapeError} when the shapes do not broadcast.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, 2]).add(1).toArray()); // [2, 3]
   * ```
   */
  add(other: TensorLike): Tensor { return ops.add(this, other); }
  /**
   * Elementwise `this − other` with broadcasting. See {@link sub}.
   * @param other - a tensor or number, broadcast against this one.
   * @throws {@link ShapeError} when the shapes do not broadcast.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, 2]).sub(1).toArray()); // [0, 1]
   * ```
   */
  sub(other: TensorLike): Tensor { return ops.sub(this, other); }
  /**
   * Elementwise `this · other` with broadcasting. See {@link mul}.
   * @param other - a tensor or number, broadcast against this one.
   * @throws {@link ShapeError} when the shapes do not broadcast.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, 2]).mul(2).toArray()); // [2, 4]
   * ```
   */
  mul(other: TensorLike): Tensor { return ops.mul(this, other); }
  /**
   * Elementwise `this / other` with broadcasting. See {@link div}.
   * @param other - a tensor or number, broadcast against this one.
   * @throws {@link ShapeError} when the shapes do not broadcast.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, 2]).div(2).toArray()); // [0.5, 1]
   * ```
   */
  div(other: TensorLike): Tensor { return ops.div(this, other); }
  /**
   * Elementwise `−this`. See {@link neg}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, -2]).neg().toArray()); // [-1, 2]
   * ```
   */
  neg(): Tensor { return ops.neg(this); }
  /**
   * Elementwise `this ^ exponent`. See {@link pow}.
   * @param exponent - a tensor or number, broadcast against this one.
   * @throws {@link ShapeError} when the shapes do not broadcast.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([3]).pow(2).toArray()); // [9]
   * ```
   */
  pow(exponent: TensorLike): Tensor { return ops.pow(this, exponent); }
  /**
   * Elementwise eˣ. See {@link exp}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([0]).exp().toArray()); // [1]
   * ```
   */
  exp(): Tensor { return ops.exp(this); }
  /**
   * Elementwise natural log. See {@link log}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1]).log().toArray()); // [0]
   * ```
   */
  log(): Tensor { return ops.log(this); }
  /**
   * Elementwise square root. See {@link sqrt}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([4]).sqrt().toArray()); // [2]
   * ```
   */
  sqrt(): Tensor { return ops.sqrt(this); }
  /**
   * Elementwise |x|. See {@link abs}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([-1, 2]).abs().toArray()); // [1, 2]
   * ```
   */
  abs(): Tensor { return ops.abs(this); }
  /**
   * Elementwise logistic sigmoid. See {@link sigmoid}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([0]).sigmoid().toArray()); // [0.5]
   * ```
   */
  sigmoid(): Tensor { return ops.sigmoid(this); }
  /**
   * Elementwise tanh. See {@link tanh}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([0]).tanh().toArray()); // [0]
   * ```
   */
  tanh(): Tensor { return ops.tanh(this); }
  /**
   * Elementwise max(x, 0). See {@link relu}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([-1, 2]).relu().toArray()); // [0, 2]
   * ```
   */
  relu(): Tensor { return ops.relu(this); }
  /**
   * Matrix product (NumPy `matmul` rules). See {@link matmul}.
   * @param other - the right operand (a vector, matrix or batch of matrices).
   * @throws {@link ShapeError} when the inner dimensions differ, a batch does not broadcast, or an operand is 0-D.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.eye(2).matmul(Tensor.from([1, 2])).toArray()); // [1, 2]
   * ```
   */
  matmul(other: TensorLike): Tensor { return ops.matmul(this, other); }
  /**
   * Sum over axes (all by default). See {@link sum}.
   * @param axis - an axis, a list of axes, or all axes when omitted (negative counts from the end).
   * @param options - `keepdims`: keep reduced axes with size 1.
   * @throws {@link AxisError} for a bad axis.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([[1, 2], [3, 4]]).sum(0).toArray()); // [4, 6]
   * ```
   */
  sum(axis?: Axes, options?: ReduceOptions): Tensor { return ops.sum(this, axis, options); }
  /**
   * Mean over axes (all by default). See {@link mean}.
   * @param axis - an axis, a list of axes, or all axes when omitted.
   * @param options - `keepdims`: keep reduced axes with size 1.
   * @throws {@link AxisError} for a bad axis.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, 3]).mean().item()); // 2
   * ```
   */
  mean(axis?: Axes, options?: ReduceOptions): Tensor { return ops.mean(this, axis, options); }
  /**
   * Maximum over axes (all by default); ties share the gradient. See {@link max}.
   * @param axis - an axis, a list of axes, or all axes when omitted.
   * @param options - `keepdims`: keep reduced axes with size 1.
   * @throws {@link AxisError} for a bad axis; {@link ShapeError} when reducing an axis of size 0.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, 3]).max().item()); // 3
   * ```
   */
  max(axis?: Axes, options?: ReduceOptions): Tensor { return ops.max(this, axis, options); }
  /**
   * Index of the maximum along an axis (flattened when omitted); no gradient. See {@link argmax}.
   * @param axis - the axis to search (the flattened tensor when omitted).
   * @param options - `keepdims`: keep the reduced axis with size 1.
   * @throws {@link AxisError} for a bad axis; {@link ShapeError} for an empty tensor.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([[1, 3], [4, 2]]).argmax(1).toArray()); // [1, 0]
   * ```
   */
  argmax(axis?: number, options?: ReduceOptions): Tensor { return ops.argmax(this, axis, options); }
  /**
   * Same values, new shape (one -1 allowed). See {@link reshape}.
   * @param shape - the new shape, with the same number of elements (one entry may be -1).
   * @throws {@link ShapeError} when the sizes differ or -1 cannot be inferred.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.arange(6).reshape([2, 3]).toArray()); // [[0, 1, 2], [3, 4, 5]]
   * ```
   */
  reshape(shape: readonly number[]): Tensor { return ops.reshape(this, shape); }
  /**
   * Reverses the axes, or swaps two. See {@link transpose}.
   * @param axis0 - the first axis to swap (omit both to reverse all axes).
   * @param axis1 - the second axis to swap.
   * @throws {@link AxisError} for an out-of-range axis.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([2, 3]).transpose().shape); // [3, 2]
   * ```
   */
  transpose(axis0?: number, axis1?: number): Tensor { return ops.transpose(this, axis0, axis1); }
  /**
   * Reorders the axes. See {@link permute}.
   * @param axes - a permutation of 0 … ndim−1: output axis i is input axis axes[i].
   * @throws {@link AxisError} when `axes` is not a permutation.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([2, 3, 4]).permute([2, 0, 1]).shape); // [4, 2, 3]
   * ```
   */
  permute(axes: readonly number[]): Tensor { return ops.permute(this, axes); }
  /**
   * Broadcasts to a larger shape. See {@link expand}.
   * @param shape - the target shape (NumPy broadcasting rules).
   * @throws {@link ShapeError} when this tensor does not broadcast to `shape`.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, 2]).expand([2, 2]).toArray()); // [[1, 2], [1, 2]]
   * ```
   */
  expand(shape: readonly number[]): Tensor { return ops.expand(this, shape); }
  /**
   * Alias of {@link Tensor.expand}, NumPy's name.
   * @param shape - the target shape (NumPy broadcasting rules).
   * @throws {@link ShapeError} when this tensor does not broadcast to `shape`.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([1, 2]).broadcastTo([2, 2]).toArray()); // [[1, 2], [1, 2]]
   * ```
   */
  broadcastTo(shape: readonly number[]): Tensor { return ops.expand(this, shape); }
  /**
   * Flattens to 1-D. See {@link flatten}.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([2, 3]).flatten().shape); // [6]
   * ```
   */
  flatten(): Tensor { return ops.flatten(this); }
  /**
   * Removes size-1 axes. See {@link squeeze}.
   * @param axis - the size-1 axis to remove (all size-1 axes when omitted).
   * @throws {@link ShapeError} when the axis does not have size 1; {@link AxisError} when out of range.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([1, 3]).squeeze().shape); // [3]
   * ```
   */
  squeeze(axis?: number): Tensor { return ops.squeeze(this, axis); }
  /**
   * Inserts a size-1 axis. See {@link unsqueeze}.
   * @param axis - where the new axis goes (negative counts from the end of the result).
   * @throws {@link AxisError} when out of range.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.zeros([3]).unsqueeze(0).shape); // [1, 3]
   * ```
   */
  unsqueeze(axis: number): Tensor { return ops.unsqueeze(this, axis); }
  /**
   * Converts to another dtype. See {@link cast}.
   * @param dtype - `'float32'` or `'float64'`.
   * @throws {@link DTypeError} for an unknown dtype.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.ones([2]).cast('float64').dtype); // float64
   * ```
   */
  cast(dtype: DType): Tensor { return ops.cast(this, dtype); }
  /**
   * Softmax along an axis (default last). See {@link softmax}.
   * @param axis - the axis that sums to 1 (default −1, the last).
   * @throws {@link AxisError} for a bad axis.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([0, 0]).softmax().toArray()); // [0.5, 0.5]
   * ```
   */
  softmax(axis?: number): Tensor { return ops.softmax(this, axis); }
  /**
   * Log-softmax along an axis (default last). See {@link logSoftmax}.
   * @param axis - the axis to normalise over (default −1, the last).
   * @throws {@link AxisError} for a bad axis.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([0, 0], { dtype: 'float64' }).logSoftmax().toArray()); // [-0.6931471805599453, -0.6931471805599453]
   * ```
   */
  logSoftmax(axis?: number): Tensor { return ops.logSoftmax(this, axis); }
  /**
   * Softmax cross-entropy of these logits. See {@link softmaxCrossEntropy}.
   * @param target - class indices (one per row) or a probability tensor of this tensor's shape.
   * @param options - `reduction`: `'mean'` (default), `'sum'` or `'none'`.
   * @throws {@link InvalidArgumentError} for a bad label or label count; {@link ShapeError} when a target tensor's shape differs.
   * @example
   * ```ts
   * import { Tensor } from 'tinygrad-ts';
   * console.log(Tensor.from([[0, 0]], { dtype: 'float64' }).softmaxCrossEntropy([0]).item()); // 0.6931471805599453
   * ```
   */
  softmaxCrossEntropy(target: ops.Labels | Tensor, options?: CrossEntropyOptions): Tensor {
    return ops.softmaxCrossEntropy(this, target, options);
  }
}
