import type { DType } from '../dtype.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { describe, formatShape } from '../_internal/shape.js';
import { isTensor, Tensor } from '../tensor.js';
import { heNormal, xavierUniform } from './init.js';
import { Module } from './module.js';
import { readOptions } from '../_internal/options.js';

/**
 * Options of {@link Linear}.
 * @category nn
 */
export interface LinearOptions {
  /** Add a bias vector (default true). */
  readonly bias?: boolean;
  /** Element type of the parameters (default `'float32'`). */
  readonly dtype?: DType;
  /** Seed of the weight initialisation; without it the global generator (see `manualSeed`) is used. */
  readonly seed?: number;
  /** `'xavier'` (default: Glorot uniform, for sigmoid/tanh layers) or `'he'` (Kaiming normal, for ReLU layers). */
  readonly init?: 'xavier' | 'he';
}

/**
 * A fully connected layer `y = x·W + b`, with W stored as `[inFeatures, outFeatures]` (the textbook's layout, so
 * a batch `x` of shape `[N, inFeatures]` multiplies it directly). W starts Xavier/Glorot uniform by default
 * (`init: 'he'` for He normal); b starts at zero.
 * @category nn
 * @example
 * ```ts
 * import { Linear, Tensor } from 'tinygrad-ts';
 * const layer = new Linear(784, 50, { seed: 1 });
 * const y = layer.forward(Tensor.zeros([100, 784]));
 * console.log(y.shape, layer.weight.shape, layer.bias?.shape); // [100, 50] [784, 50] [50]
 * ```
 */
export class Linear extends Module {
  /** The weight, `[inFeatures, outFeatures]`, a leaf that requires grad. */
  readonly weight: Tensor;
  /** The bias, `[outFeatures]`, or `null` when created with `bias: false`. */
  readonly bias: Tensor | null;

  /**
   * @param inFeatures - the size of each input row.
   * @param outFeatures - the size of each output row.
   * @param options - `bias`, `dtype`, `seed`, `init`.
   * @throws {@link InvalidArgumentError} for sizes that are not positive integers or an unknown `init`.
   */
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    options = readOptions<LinearOptions>(options, ['bias', 'dtype', 'seed', 'init'], 'Linear');
    for (const [name, v] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
        throw new InvalidArgumentError(`Linear: ${name} must be a positive integer, got ${describe(v)}`);
      }
    }
    const init = options.init ?? 'xavier';
    if (init !== 'xavier' && init !== 'he') throw new InvalidArgumentError(`Linear: init must be 'xavier' or 'he', got ${describe(init)}`);
    const dtype = options.dtype ?? 'float32';
    const make = init === 'he' ? heNormal : xavierUniform;
    this.weight = make([inFeatures, outFeatures], { dtype, seed: options.seed, requiresGrad: true });
    this.bias = options.bias === false ? null : Tensor.zeros([outFeatures], { dtype, requiresGrad: true });
  }

  /**
   * Applies the layer to `x` of shape `[..., inFeatures]`.
   * @param x - the input batch.
   * @returns `x·W + b`, of shape `[..., outFeatures]`.
   * @throws {@link ShapeError} when the last dimension of `x` is not `inFeatures`.
   */
  forward(x: Tensor): Tensor {
    if (!isTensor(x) || x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      const got = isTensor(x) ? `shape ${formatShape(x.shape)}` : describe(x);
      throw new ShapeError(`Linear(${this.inFeatures}, ${this.outFeatures}): expected an input of shape [..., ${this.inFeatures}], got ${got}`);
    }
    const y = x.matmul(this.weight);
    return this.bias === null ? y : y.add(this.bias);
  }

  /** The weight, then the bias (if any). */
  parameters(): Tensor[] {
    return this.bias === null ? [this.weight] : [this.weight, this.bias];
  }
}
