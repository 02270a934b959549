/**
 * Base class of every error the library throws on purpose. Catch this to catch them all.
 * @category Errors
 * @example
 * ```ts
 * import { Tensor, TinygradError } from 'tinygrad-ts';
 * try {
 *   Tensor.from([1, 2]).add(Tensor.from([1, 2, 3]));
 * } catch (e) {
 *   console.log(e instanceof TinygradError); // true
 * }
 * ```
 */
export class TinygradError extends Error {
  /**
   * @param message - what went wrong, naming the function or op and the offending shapes or values.
   */
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Shapes that do not fit together: broadcasting, matmul, reshape, a ragged nested array.
 * @category Errors
 * @example
 * ```ts
 * import { Tensor, ShapeError } from 'tinygrad-ts';
 * try { Tensor.from([[1, 2], [3]]); } catch (e) { console.log(e instanceof ShapeError); } // true
 * ```
 */
export class ShapeError extends TinygradError {}

/**
 * An axis that is not an integer or is out of range for the tensor's rank.
 * @category Errors
 * @example
 * ```ts
 * import { Tensor, AxisError } from 'tinygrad-ts';
 * try { Tensor.ones([2, 3]).sum(2); } catch (e) { console.log(e instanceof AxisError); } // true
 * ```
 */
export class AxisError extends TinygradError {}

/**
 * An unknown dtype name.
 * @category Errors
 * @example
 * ```ts
 * import { Tensor, DTypeError } from 'tinygrad-ts';
 * try { Tensor.zeros([2], { dtype: 'int8' as never }); } catch (e) { console.log(e instanceof DTypeError); } // true
 * ```
 */
export class DTypeError extends TinygradError {}

/**
 * A value that is not allowed: a bad class label, `item()` on many elements, a non-number, a negative size.
 * @category Errors
 * @example
 * ```ts
 * import { Tensor, InvalidArgumentError } from 'tinygrad-ts';
 * try { Tensor.ones([3]).item(); } catch (e) { console.log(e instanceof InvalidArgumentError); } // true
 * ```
 */
export class InvalidArgumentError extends TinygradError {}

/**
 * Misuse of the autodiff engine: backward on a non-scalar without an output gradient,
 * a graph already freed, differentiating with respect to a non-tensor, a gradient of the wrong shape from an op's rule.
 * @category Errors
 * @example
 * ```ts
 * import { Tensor, AutodiffError } from 'tinygrad-ts';
 * const x = Tensor.ones([3], { requiresGrad: true });
 * try { x.mul(2).backward(); } catch (e) { console.log(e instanceof AutodiffError); } // true
 * ```
 */
export class AutodiffError extends TinygradError {}
