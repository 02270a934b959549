// The public op functions, gathered for Tensor's methods and the package entry.
export { add, sub, mul, div, neg } from './arithmetic.js';
export { pow } from './pow.js';
export { exp, log, sqrt, abs } from './unary.js';
export { sigmoid, tanh, relu } from './activations.js';
export { matmul } from './matmul.js';
export { sum, mean, max, type Axes, type ReduceOptions } from './reduce.js';
export { reshape, permute, transpose, expand, flatten, squeeze, unsqueeze, cast } from './movement.js';
export { softmax, logSoftmax } from './softmax.js';
export { softmaxCrossEntropy, type Labels, type CrossEntropyOptions } from './softmax-cross-entropy.js';
export { argmax } from './argmax.js';
export type { TensorLike } from './_helpers.js';
