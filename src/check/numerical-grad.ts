import { withGradMode } from '../autodiff/state.js';
import { allocate, type DType } from '../dtype.js';
import { InvalidArgumentError } from '../errors.js';
import { describe, formatShape } from '../_internal/shape.js';
import { isTensor, Tensor } from '../tensor.js';
import { readOptions } from '../_internal/options.js';

/**
 * Options of {@link numericalGrad} and {@link numericalJacobian}.
 * @category Gradient checking
 */
export interface NumericalGradOptions {
  /**
   * The finite-difference step h. Default: 1e-6 for a float64 input (near the optimum of central differences,
   * error about 1e-10 relative), 1e-3 for a float32 input (smaller steps drown in float32 rounding).
   */
  readonly eps?: number;
}

/** A function of tensors, evaluated by the finite-difference checkers. @category Gradient checking */
export type TensorFunction = (...inputs: Tensor[]) => Tensor;

/**
 * One tensor per input: a tuple of the same length when the inputs are a tuple.
 * @category Gradient checking
 */
export type TensorsLike<In extends readonly Tensor[]> = { -readonly [K in keyof In]: Tensor };

/** The default step for an input of this dtype. @internal */
function defaultEps(dtype: DType): number {
  return dtype === 'float64' ? 1e-6 : 1e-3;
}

/** Checks the common arguments of the finite-difference functions. @internal */
export function checkArgs(f: unknown, inputs: unknown, where: string): asserts inputs is readonly Tensor[] {
  if (typeof f !== 'function') throw new InvalidArgumentError(`${where}: f must be a function, got ${describe(f)}`);
  if (!Array.isArray(inputs)) {
    throw new InvalidArgumentError(`${where}: inputs must be an array of tensors (one per argument of f), got ${describe(inputs)}`);
  }
  inputs.forEach((x, i) => {
    if (!isTensor(x)) throw new InvalidArgumentError(`${where}: input ${i} is ${describe(x)}, expected a Tensor`);
  });
}

/** Checks a step size. @internal */
export function checkEps(eps: unknown, where: string): void {
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps <= 0) {
    throw new InvalidArgumentError(`${where}: eps must be a positive finite number, got ${describe(eps)}`);
  }
}

/**
 * Evaluates `f` unrecorded and returns its output values as float64 numbers.
 * @internal
 */
export function evaluate(f: TensorFunction, args: Tensor[], where: string): { values: Float64Array; shape: readonly number[] } {
  const out = withGradMode(false, () => f(...args));
  if (!isTensor(out)) throw new InvalidArgumentError(`${where}: f must return a Tensor, got ${describe(out)}`);
  return { values: Float64Array.from(out.data), shape: out.shape };
}

/**
 * Central differences for every element of input `j`: calls `visit(k, column)` with
 * column = (f(x + h·e_k) − f(x − h·e_k)) / (actual step) over f's output elements.
 * Perturbs a private copy of the input, never the caller's tensor.
 * @internal
 */
export function centralDifferences(
  f: TensorFunction, inputs: readonly Tensor[], j: number, eps: number, where: string,
  visit: (k: number, column: Float64Array) => void,
): void {
  const x = inputs[j] as Tensor;
  const work = allocate(x.dtype, x.size);
  work.set(x.data);
  const args = inputs.map((t, i) => (i === j ? Tensor._wrap(work, t.shape) : t));
  for (let k = 0; k < x.size; k++) {
    const orig = work[k] as number;
    work[k] = orig + eps;
    const hiX = work[k] as number; // the value actually stored (float32 rounds it)
    const hi = evaluate(f, args, where).values;
    work[k] = orig - eps;
    const loX = work[k] as number;
    const lo = evaluate(f, args, where).values;
    work[k] = orig;
    const step = hiX - loX;
    const column = new Float64Array(hi.length);
    for (let e = 0; e < hi.length; e++) column[e] = ((hi[e] as number) - (lo[e] as number)) / step;
    visit(k, column);
  }
}

/**
 * Estimates the gradient of a scalar-valued function by central differences, `(f(x + h) − f(x − h)) / 2h`,
 * one element at a time, for every input: the reference an analytical gradient is checked against.
 * Costs two evaluations of `f` per input element.
 * @param f - a function of the inputs (in order) returning a one-element tensor.
 * @param inputs - the point to differentiate at: one tensor per argument of `f` (never modified).
 * @param options - `eps`, the step (default 1e-6 for float64 inputs, 1e-3 for float32).
 * @returns one gradient per input, with the input's shape and dtype.
 * @throws {@link InvalidArgumentError} when `f` is not a function, an input is not a tensor, `eps` is not
 * positive, or `f` does not return a one-element tensor.
 * @category Gradient checking
 * @example
 * ```ts
 * import { Tensor, numericalGrad } from 'tinygrad-ts';
 * const x = Tensor.from([1, 2, 3], { dtype: 'float64' });
 * const [dx] = numericalGrad((t) => t.mul(t).sum(), [x]);
 * console.log(dx.toArray()); // ≈ [2, 4, 6]
 * ```
 */
export function numericalGrad<const In extends readonly Tensor[]>(
  f: (...inputs: In) => Tensor, inputs: In, options: NumericalGradOptions = {},
): TensorsLike<In> {
  checkArgs(f, inputs, 'numericalGrad');
  options = readOptions<NumericalGradOptions>(options, ['eps'], 'numericalGrad');
  if (options.eps !== undefined) checkEps(options.eps, 'numericalGrad');
  const { shape } = evaluate(f as unknown as TensorFunction, [...inputs], 'numericalGrad');
  if (shape.reduce((a, b) => a * b, 1) !== 1) {
    throw new InvalidArgumentError(
      `numericalGrad: f must return a one-element tensor, got shape ${formatShape(shape)} (use numericalJacobian for tensor-valued f)`,
    );
  }
  return inputs.map((x, j) => {
    const g = allocate(x.dtype, x.size);
    const eps = options.eps ?? defaultEps(x.dtype);
    centralDifferences(f as unknown as TensorFunction, inputs, j, eps, 'numericalGrad', (k, column) => (g[k] = column[0] as number));
    return Tensor._wrap(g, x.shape);
  }) as TensorsLike<In>;
}

/**
 * Estimates the Jacobian of a tensor-valued function by central differences, for every input.
 * Entry `[e, k]` of the j-th matrix is ∂ output[e] / ∂ input_j[k], both flattened row-major.
 * @param f - a function of the inputs (in order) returning a tensor.
 * @param inputs - the point to differentiate at (never modified).
 * @param options - `eps`, the step (default 1e-6 for float64 inputs, 1e-3 for float32).
 * @returns one float64 matrix of shape `[output size, input size]` per input.
 * @throws {@link InvalidArgumentError} when `f` is not a function, an input is not a tensor, `eps` is not
 * positive, or `f` does not return a tensor.
 * @category Gradient checking
 * @example
 * ```ts
 * import { Tensor, numericalJacobian } from 'tinygrad-ts';
 * const x = Tensor.from([1, 2], { dtype: 'float64' });
 * const [J] = numericalJacobian((t) => t.mul(t), [x]);
 * console.log(J.toArray()); // ≈ [[2, 0], [0, 4]]
 * ```
 */
export function numericalJacobian<const In extends readonly Tensor[]>(
  f: (...inputs: In) => Tensor, inputs: In, options: NumericalGradOptions = {},
): TensorsLike<In> {
  checkArgs(f, inputs, 'numericalJacobian');
  options = readOptions<NumericalGradOptions>(options, ['eps'], 'numericalJacobian');
  if (options.eps !== undefined) checkEps(options.eps, 'numericalJacobian');
  const m = evaluate(f as unknown as TensorFunction, [...inputs], 'numericalJacobian').values.length;
  return inputs.map((x, j) => {
    const n = x.size;
    const jac = new Float64Array(m * n);
    const eps = options.eps ?? defaultEps(x.dtype);
    centralDifferences(f as unknown as TensorFunction, inputs, j, eps, 'numericalJacobian', (k, column) => {
      for (let e = 0; e < m; e++) jac[e * n + k] = column[e] as number;
    });
    return Tensor._wrap(jac, [m, n]);
  }) as TensorsLike<In>;
}
