import { checkDType, type DType } from '../dtype.js';
import { InvalidArgumentError } from '../errors.js';
import { describe, formatShape } from '../_internal/shape.js';
import { Tensor } from '../tensor.js';
import { readOptions } from '../_internal/options.js';

/**
 * Options of the initialisers {@link xavierUniform} and {@link heNormal}.
 * @category nn
 */
export interface InitOptions {
  /** Element type (default `'float32'`). */
  readonly dtype?: DType;
  /** Seed of a fresh generator; without it the global generator (see `manualSeed`) is used. */
  readonly seed?: number;
  /** Make the result a leaf that records operations (default false). */
  readonly requiresGrad?: boolean;
}

/** fan_in and fan_out of a weight stored as [in, out] (the textbook's x·W layout). */
function fans(shape: readonly number[], where: string): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new InvalidArgumentError(`${where}: expected a weight shape [inFeatures, outFeatures] of positive integers, got ${Array.isArray(shape) ? formatShape(shape) : describe(shape)}`);
  }
  return [shape[0] as number, shape[1] as number];
}

/**
 * Xavier/Glorot uniform initialisation: U(−a, a) with a = √(6 / (fanIn + fanOut)), which keeps the variance of
 * activations and gradients about constant through layers with tanh or sigmoid. The default of {@link Linear}.
 * @param shape - `[inFeatures, outFeatures]` (fanIn = shape[0], fanOut = shape[1]).
 * @param options - `dtype`, `seed`, `requiresGrad`.
 * @returns a new tensor of that shape.
 * @throws {@link InvalidArgumentError} for a shape that is not two positive integers.
 * @category nn
 * @example
 * ```ts
 * import { xavierUniform } from 'tinygrad-ts';
 * const w = xavierUniform([784, 50], { seed: 1 });
 * console.log(w.shape, Math.max(...w.toTypedArray()) <= Math.sqrt(6 / 834)); // [784, 50] true
 * ```
 */
export function xavierUniform(shape: readonly number[], options: InitOptions = {}): Tensor {
  options = readOptions<InitOptions>(options, ['dtype', 'seed', 'requiresGrad'], 'xavierUniform');
  const [fanIn, fanOut] = fans(shape, 'xavierUniform');
  const a = Math.sqrt(6 / (fanIn + fanOut));
  const w = Tensor.rand(shape, { dtype: checkDType(options.dtype ?? 'float32', 'xavierUniform'), seed: options.seed, requiresGrad: options.requiresGrad === true });
  for (let i = 0; i < w.size; i++) w.data[i] = (2 * (w.data[i] as number) - 1) * a;
  return w;
}

/**
 * He/Kaiming normal initialisation: N(0, 2 / fanIn), which keeps the variance of activations about constant
 * through layers with ReLU (which zeroes half of its inputs).
 * @param shape - `[inFeatures, outFeatures]` (fanIn = shape[0]).
 * @param options - `dtype`, `seed`, `requiresGrad`.
 * @returns a new tensor of that shape.
 * @throws {@link InvalidArgumentError} for a shape that is not two positive integers.
 * @category nn
 * @example
 * ```ts
 * import { heNormal } from 'tinygrad-ts';
 * const w = heNormal([256, 128], { seed: 1 });
 * console.log(w.shape); // [256, 128], standard deviation ≈ √(2/256) ≈ 0.088
 * ```
 */
export function heNormal(shape: readonly number[], options: InitOptions = {}): Tensor {
  options = readOptions<InitOptions>(options, ['dtype', 'seed', 'requiresGrad'], 'heNormal');
  const [fanIn] = fans(shape, 'heNormal');
  const std = Math.sqrt(2 / fanIn);
  const w = Tensor.randn(shape, { dtype: checkDType(options.dtype ?? 'float32', 'heNormal'), seed: options.seed, requiresGrad: options.requiresGrad === true });
  for (let i = 0; i < w.size; i++) w.data[i] = (w.data[i] as number) * std;
  return w;
}
