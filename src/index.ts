// The public API of tinygrad-ts: every export by name.
export { Tensor, isTensor } from './tensor.js';
export type { TensorOptions, FromOptions, RandomOptions, NestedArray } from './tensor.js';
export type { DType, TypedArray } from './dtype.js';
export { manualSeed } from './random.js';

export {
  add, sub, mul, div, neg, pow, exp, log, sqrt, abs, sigmoid, tanh, relu,
  matmul, sum, mean, max,
  reshape, permute, transpose, expand, flatten, squeeze, unsqueeze, cast,
  softmax, logSoftmax, softmaxCrossEntropy,
} from './ops/index.js';
export type { TensorLike, Axes, ReduceOptions, Labels, CrossEntropyOptions } from './ops/index.js';

export { grad, valueAndGrad } from './autodiff/grad.js';
export type { GradOptions, Grads, BackwardCallOptions } from './autodiff/grad.js';
export { noGrad } from './autodiff/state.js';
export { defineOp } from './autodiff/define-op.js';
export type { Op, OpDefinition, OpContext, ForwardContext, GradList } from './autodiff/define-op.js';

export { numericalGrad, numericalJacobian } from './check/numerical-grad.js';
export type { NumericalGradOptions, TensorFunction, TensorsLike } from './check/numerical-grad.js';

export { TinygradError, ShapeError, AxisError, DTypeError, InvalidArgumentError, AutodiffError } from './errors.js';
