// The public API of tinygrad-ts: every export by name.

/**
 * Tape-based reverse-mode automatic differentiation: tensors, `grad` and `backward()`, custom ops, a gradient
 * checker, `nn` layers and optimizers. The main entry point: `import { Tensor, grad } from 'tinygrad-ts'`.
 * @module tinygrad-ts
 */
export { Tensor, isTensor } from './tensor.js';
export type { TensorOptions, FromOptions, RandomOptions, NestedArray } from './tensor.js';
export type { DType, TypedArray } from './dtype.js';
export { manualSeed } from './random.js';

export {
  add, sub, mul, div, neg, pow, exp, log, sqrt, abs, sigmoid, tanh, relu,
  matmul, sum, mean, max, argmax,
  reshape, permute, transpose, expand, flatten, squeeze, unsqueeze, cast,
  softmax, logSoftmax, softmaxCrossEntropy,
} from './ops/index.js';
export type { TensorLike, Axes, ReduceOptions, Labels, CrossEntropyOptions } from './ops/index.js';

export { grad, valueAndGrad } from './autodiff/grad.js';
export type { GradOptions, Grads, BackwardCallOptions } from './autodiff/grad.js';
export { noGrad } from './autodiff/state.js';
export { defineOp } from './autodiff/define-op.js';
export { detectAnomaly, isAnomalyEnabled, AnomalyError } from './autodiff/anomaly.js';
export type { Op, OpDefinition, OpContext, ForwardContext, GradList } from './autodiff/define-op.js';

export { numericalGrad, numericalJacobian } from './check/numerical-grad.js';
export type { NumericalGradOptions, TensorFunction, TensorsLike } from './check/numerical-grad.js';

export { Module, Linear, Sequential, xavierUniform, heNormal, accuracy } from './nn/index.js';
export type { LinearOptions, Layer, InitOptions } from './nn/index.js';
export { Optimizer, SGD, Adam } from './optim/index.js';
export type { SGDOptions, AdamOptions } from './optim/index.js';

export { gradcheck } from './check/gradcheck.js';
export type { GradcheckOptions } from './check/gradcheck.js';
export { gradgradcheck } from './check/gradgradcheck.js';
export { GradcheckError } from './check/report.js';
export type { GradcheckReport, GradcheckFailure, GradcheckEntry, GradcheckFailureKind } from './check/report.js';

export { setBackend, getBackend, availableBackends } from './kernels/backend.js';
export { enableThreads, disableThreads } from './kernels/wasm/threads.js';
export type { Backend } from './kernels/backend.js';

export { TinygradError, ShapeError, AxisError, DTypeError, InvalidArgumentError, AutodiffError } from './errors.js';
