import { anomalyEnabled } from '../autodiff/anomaly.js';
import { defineOp } from '../autodiff/define-op.js';
import { isTensor, type Tensor } from '../tensor.js';
import { asPair, asTensor, binaryForward, numberForward, unaryForward, type TensorLike } from './_helpers.js';

// Broadcasting ops return gradients of the output's shape; the engine sums them back to each input's shape.

export const Add = defineOp<[Tensor, Tensor]>({
  name: 'Add',
  forward: ([a, b]) => binaryForward(a, b, 'add', (x, y) => x + y),
  // dA = G, dB = G
  backward: (g) => [g, g],
});

export const Sub = defineOp<[Tensor, Tensor]>({
  name: 'Sub',
  forward: ([a, b]) => binaryForward(a, b, 'sub', (x, y) => x - y),
  // dA = G, dB = −G
  backward: (g, { inputs: [, b] }) => [g, b.requiresGrad ? neg(g) : null],
});

export const Mul = defineOp<[Tensor, Tensor]>({
  name: 'Mul',
  forward: ([a, b]) => binaryForward(a, b, 'mul', (x, y) => x * y),
  // dA = G·B, dB = G·A
  backward: (g, { inputs: [a, b] }) => [a.requiresGrad ? mul(g, b) : null, b.requiresGrad ? mul(g, a) : null],
});

export const Div = defineOp<[Tensor, Tensor]>({
  name: 'Div',
  forward: ([a, b]) => binaryForward(a, b, 'div', (x, y) => x / y),
  // dA = G / B, dB = −G·A/B² = −G·out/B
  backward: (g, { inputs: [a, b], output }) => [a.requiresGrad ? div(g, b) : null, b.requiresGrad ? neg(div(mul(g, output), b)) : null],
});

export const Neg = defineOp<[Tensor]>({
  name: 'Neg',
  forward: ([x]) => unaryForward(x, (v) => -v),
  // dx = −G
  backward: (g) => [neg(g)],
});

// `x ∘ k` with a plain number k: the number rides in attrs instead of becoming a scalar tensor input, so each such op
// records one typed array and one tensor fewer (the tape's memory and the garbage collector feel it most).
// Same values and dtypes as the tensor form, and registered ops of their own (like PowScalar), so the property
// suite checks their gradients too. Anomaly mode takes the tensor form, so its reports name the number as an input.
export const AddScalar = defineOp<[Tensor], number>({
  name: 'AddScalar',
  forward: ([x], k) => numberForward(x, 'add', k),
  // dX = G
  backward: (g) => [g],
});

export const SubScalar = defineOp<[Tensor], number>({
  name: 'SubScalar',
  forward: ([x], k) => numberForward(x, 'sub', k),
  // dX = G
  backward: (g) => [g],
});

export const MulScalar = defineOp<[Tensor], number>({
  name: 'MulScalar',
  forward: ([x], k) => numberForward(x, 'mul', k),
  // dX = G·k
  backward: (g, { attrs: k }) => [mul(g, k)],
});

export const DivScalar = defineOp<[Tensor], number>({
  name: 'DivScalar',
  forward: ([x], k) => numberForward(x, 'div', k),
  // dX = G / k
  backward: (g, { attrs: k }) => [div(g, k)],
});

/**
 * Elementwise sum with NumPy broadcasting. d/da (a + b) = 1, d/db (a + b) = 1.
 * @param a - a tensor or number.
 * @param b - a tensor or number (broadcast against `a`).
 * @throws {@link ShapeError} when the shapes do not broadcast.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, add } from 'tinygrad-ts';
 * console.log(add(Tensor.from([[1, 2], [3, 4]]), Tensor.from([10, 20])).toArray()); // [[11, 22], [13, 24]]
 * ```
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  if (!anomalyEnabled) {
    // k + x = x + k exactly (IEEE addition commutes)
    if (typeof b === 'number' && isTensor(a)) return AddScalar([a], b);
    if (typeof a === 'number' && isTensor(b)) return AddScalar([b], a);
  }
  return Add(asPair(a, b, 'add'));
}

/**
 * Elementwise difference with broadcasting. d/da (a − b) = 1, d/db (a − b) = −1.
 * @param a - a tensor or number.
 * @param b - a tensor or number.
 * @throws {@link ShapeError} when the shapes do not broadcast.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, sub } from 'tinygrad-ts';
 * console.log(sub(Tensor.from([5, 7]), 1).toArray()); // [4, 6]
 * ```
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === 'number' && !anomalyEnabled && isTensor(a)) return SubScalar([a], b);
  return Sub(asPair(a, b, 'sub'));
}

/**
 * Elementwise product with broadcasting. d/da (a·b) = b, d/db (a·b) = a.
 * @param a - a tensor or number.
 * @param b - a tensor or number.
 * @throws {@link ShapeError} when the shapes do not broadcast.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, mul } from 'tinygrad-ts';
 * console.log(mul(Tensor.from([1, 2, 3]), 2).toArray()); // [2, 4, 6]
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  if (!anomalyEnabled) {
    // k·x = x·k exactly (IEEE multiplication commutes)
    if (typeof b === 'number' && isTensor(a)) return MulScalar([a], b);
    if (typeof a === 'number' && isTensor(b)) return MulScalar([b], a);
  }
  return Mul(asPair(a, b, 'mul'));
}

/**
 * Elementwise quotient with broadcasting. d/da (a/b) = 1/b, d/db (a/b) = −a/b².
 * @param a - a tensor or number.
 * @param b - a tensor or number.
 * @throws {@link ShapeError} when the shapes do not broadcast.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, div } from 'tinygrad-ts';
 * console.log(div(Tensor.from([1, 2]), 4).toArray()); // [0.25, 0.5]
 * ```
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === 'number' && !anomalyEnabled && isTensor(a)) return DivScalar([a], b);
  return Div(asPair(a, b, 'div'));
}

/**
 * Elementwise negation. d/dx (−x) = −1.
 * @param x - a tensor.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, neg } from 'tinygrad-ts';
 * console.log(neg(Tensor.from([1, -2])).toArray()); // [-1, 2]
 * ```
 */
export function neg(x: TensorLike): Tensor {
  return Neg([asTensor(x, undefined, 'neg')]);
}
