import { DTypeError } from './errors.js';
import { describe } from './_internal/shape.js';

/**
 * The element types a tensor can hold. `float32` is the default; `float64` is what gradient checks want.
 * @category Tensor
 */
export type DType = 'float32' | 'float64';

/**
 * The typed array behind a tensor of either dtype.
 * @category Tensor
 */
export type TypedArray = Float32Array | Float64Array;

/** @internal */
export function checkDType(dtype: unknown, where: string): DType {
  if (dtype === 'float32' || dtype === 'float64') return dtype;
  throw new DTypeError(`${where}: unknown dtype ${describe(dtype)}; expected 'float32' or 'float64'`);
}

/** @internal */
export function allocate(dtype: DType, size: number): TypedArray {
  return dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
}

/** Mixed inputs promote to float64. @internal */
export function promote(a: DType, b: DType): DType {
  return a === 'float64' || b === 'float64' ? 'float64' : 'float32';
}

/** @internal */
export function dtypeOf(data: TypedArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}
