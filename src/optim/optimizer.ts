import { noGrad } from '../autodiff/state.js';
import type { TypedArray } from '../dtype.js';
import { InvalidArgumentError } from '../errors.js';
import { describe, formatShape, shapesEqual } from '../_internal/shape.js';
import { isTensor, type Tensor } from '../tensor.js';

/**
 * What optimizers share: the parameters, the learning rate, `zeroGrad()` and `step()`. `step()` reads each
 * parameter's `.grad` and updates its values in place, without recording anything on the tape; a parameter whose
 * `.grad` is `null` is left alone.
 * @category optim
 * @example
 * ```ts
 * import { Optimizer, Tensor } from 'tinygrad-ts';
 * // plain gradient descent, p ← p − lr·g, as a custom optimizer
 * class Descent extends Optimizer {
 *   protected update(p: Float32Array | Float64Array, g: Float32Array | Float64Array): void {
 *     for (let i = 0; i < p.length; i++) p[i] = p[i]! - this.lr * g[i]!;
 *   }
 * }
 * const w = Tensor.from([1, 2], { requiresGrad: true });
 * const opt = new Descent([w], 0.5, 'Descent');
 * w.mul(w).sum().backward();
 * opt.step();
 * console.log(w.toArray()); // [0, 0]
 * ```
 */
export abstract class Optimizer {
  /** The parameters being optimised, each once. */
  readonly params: readonly Tensor[];
  /** The learning rate; assign to it to schedule it. */
  lr: number;

  /**
   * @param params - leaf tensors that require grad (e.g. `model.parameters()`); duplicates are dropped.
   * @param lr - the learning rate, a finite number ≥ 0.
   * @param name - the optimizer's name, for error messages.
   * @throws {@link InvalidArgumentError} for an empty list, a non-tensor, a tensor that does not require grad or is not a leaf, or a bad `lr`.
   */
  constructor(params: Iterable<Tensor>, lr: number, protected readonly name: string) {
    if (params === null || typeof (params as Iterable<Tensor>)?.[Symbol.iterator] !== 'function') {
      throw new InvalidArgumentError(`${name}: params must be an iterable of tensors (e.g. model.parameters()), got ${describe(params)}`);
    }
    const list = [...new Set(params)];
    if (list.length === 0) throw new InvalidArgumentError(`${name}: got an empty parameter list`);
    list.forEach((p, i) => {
      if (!isTensor(p)) throw new InvalidArgumentError(`${name}: parameter ${i} is ${describe(p)}, expected a Tensor`);
      if (!p.requiresGrad || p._node !== null) {
        throw new InvalidArgumentError(`${name}: parameter ${i} (shape ${formatShape(p.shape)}) must be a leaf tensor created with requiresGrad: true`);
      }
    });
    this.params = Object.freeze(list);
    this.lr = checkNumber(lr, name, 'lr', 0, Infinity);
  }

  /**
   * Resets every parameter's `.grad` to `null`, so that the next `backward()` starts from zero.
   * @example
   * ```ts
   * import { SGD, Tensor } from 'tinygrad-ts';
   * const w = Tensor.from([1, 2], { requiresGrad: true });
   * const opt = new SGD([w], { lr: 0.1 });
   * w.sum().backward();
   * opt.zeroGrad();
   * console.log(w.grad); // null
   * ```
   */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /**
   * Updates every parameter that has a gradient, in place, from its `.grad` (nothing is recorded on the tape).
   * @throws {@link InvalidArgumentError} when a gradient's shape differs from its parameter's.
   * @example
   * ```ts
   * import { SGD, Tensor } from 'tinygrad-ts';
   * const w = Tensor.from([1, 2], { requiresGrad: true });
   * const opt = new SGD([w], { lr: 0.5 });
   * w.mul(w).sum().backward(); // dL/dw = 2w = [2, 4]
   * opt.step();
   * console.log(w.toArray()); // [0, 0]
   * ```
   */
  step(): void {
    noGrad(() => {
      this.params.forEach((p, k) => {
        const g = p.grad;
        if (g === null) return;
        if (!shapesEqual(g.shape, p.shape)) {
          throw new InvalidArgumentError(`${this.name}.step: parameter ${k} has shape ${formatShape(p.shape)} but its .grad has shape ${formatShape(g.shape)}`);
        }
        this.update(p.data, g.data, k);
      });
    });
  }

  /**
   * Updates one parameter's values `p` in place from its gradient `g` (same length).
   * @param p - the parameter's values, written in place.
   * @param g - the gradient's values (read only: it may be shared with other tensors).
   * @param index - the parameter's position in {@link Optimizer.params}, to key per-parameter state.
   */
  protected abstract update(p: TypedArray, g: TypedArray, index: number): void;
}

/** A hyperparameter that must be a number in [min, max) (or [min, ∞) for max = Infinity). @internal */
export function checkNumber(v: unknown, name: string, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (max !== Infinity && v >= max)) {
    const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max})`;
    throw new InvalidArgumentError(`${name}: ${what} must be a finite number ${range}, got ${describe(v)}`);
  }
  return v;
}
