import type { Tensor } from '../tensor.js';

/**
 * A piece of a model: a forward function and the trainable tensors it owns. Subclass it for your own layers;
 * `zeroGrad()` comes for free.
 * @category nn
 * @example
 * ```ts
 * import { Module, Linear, Tensor } from 'tinygrad-ts';
 * class Mlp extends Module {
 *   readonly hidden = new Linear(4, 8, { seed: 1 });
 *   readonly out = new Linear(8, 2, { seed: 2 });
 *   forward(x: Tensor): Tensor { return this.out.forward(this.hidden.forward(x).tanh()); }
 *   parameters(): Tensor[] { return [...this.hidden.parameters(), ...this.out.parameters()]; }
 * }
 * console.log(new Mlp().forward(Tensor.ones([3, 4])).shape); // [3, 2]
 * ```
 */
export abstract class Module {
  /**
   * Applies the module to a batch.
   * @param x - the input batch.
   * @returns the module's output.
   * @example
   * ```ts
   * import { Linear, Tensor } from 'tinygrad-ts';
   * console.log(new Linear(3, 2, { seed: 0 }).forward(Tensor.ones([4, 3])).shape); // [4, 2]
   * ```
   */
  abstract forward(x: Tensor): Tensor;

  /**
   * The trainable leaf tensors (requiresGrad), each once, in a fixed order: what an optimizer takes.
   * @example
   * ```ts
   * import { Linear } from 'tinygrad-ts';
   * console.log(new Linear(3, 2).parameters().map((p) => p.shape)); // [[3, 2], [2]]
   * ```
   */
  abstract parameters(): Tensor[];

  /**
   * Resets the `.grad` of every parameter to `null`, so that the next `backward()` does not add to old gradients.
   * @example
   * ```ts
   * import { Linear, Tensor } from 'tinygrad-ts';
   * const layer = new Linear(2, 1, { seed: 0 });
   * layer.forward(Tensor.ones([1, 2])).sum().backward();
   * layer.zeroGrad();
   * console.log(layer.weight.grad); // null
   * ```
   */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /**
   * The number of trainable numbers (the sum of the parameters' sizes).
   * @example
   * ```ts
   * import { Linear } from 'tinygrad-ts';
   * console.log(new Linear(784, 50).parameterCount()); // 39250 (784·50 + 50)
   * ```
   */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }
}
