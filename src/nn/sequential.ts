import { InvalidArgumentError } from '../errors.js';
import { describe } from '../_internal/shape.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

/**
 * One stage of a {@link Sequential}: a module, or a parameter-free function such as `sigmoid` or `relu`.
 * @category nn
 */
export type Layer = Module | ((x: Tensor) => Tensor);

function isModule(layer: unknown): layer is Module {
  const m = layer as Module | null;
  return typeof m === 'object' && m !== null && typeof m.forward === 'function' && typeof m.parameters === 'function';
}

/**
 * Layers applied one after the other. Plain functions (activations) sit between modules and own no parameters.
 * @category nn
 * @example
 * ```ts
 * import { Sequential, Linear, sigmoid, Tensor } from 'tinygrad-ts';
 * // the textbook's two-layer net: softmax is applied by the loss, softmaxCrossEntropy
 * const net = new Sequential([new Linear(784, 50, { seed: 1 }), sigmoid, new Linear(50, 10, { seed: 2 })]);
 * console.log(net.forward(Tensor.zeros([100, 784])).shape, net.parameterCount()); // [100, 10] 39760
 * ```
 */
export class Sequential extends Module {
  /** The stages, in order. */
  readonly layers: readonly Layer[];

  /**
   * @param layers - modules and functions, applied first to last.
   * @throws {@link InvalidArgumentError} for a stage that is neither a module nor a function.
   */
  constructor(layers: readonly Layer[]) {
    super();
    if (!Array.isArray(layers)) throw new InvalidArgumentError(`Sequential: expected an array of layers, got ${describe(layers)}`);
    layers.forEach((layer, i) => {
      if (typeof layer !== 'function' && !isModule(layer)) {
        throw new InvalidArgumentError(`Sequential: layer ${i} is ${describe(layer)}; expected a Module (forward + parameters) or a function of a tensor`);
      }
    });
    this.layers = Object.freeze([...layers]);
  }

  /**
   * Runs `x` through every stage.
   * @param x - the input batch.
   * @returns the last stage's output.
   */
  forward(x: Tensor): Tensor {
    return this.layers.reduce<Tensor>((h, layer) => (typeof layer === 'function' ? layer(h) : layer.forward(h)), x);
  }

  /** The parameters of every module stage, in order; a module used twice contributes its parameters once. */
  parameters(): Tensor[] {
    const seen = new Set<Tensor>();
    for (const layer of this.layers) if (typeof layer !== 'function') for (const p of layer.parameters()) seen.add(p);
    return [...seen];
  }
}
