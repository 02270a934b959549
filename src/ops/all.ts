// Every op object, for the registry.
export { Add, Sub, Mul, Div, Neg, AddScalar, SubScalar, MulScalar, DivScalar } from './arithmetic.js';
export { Pow, PowScalar } from './pow.js';
export { Exp, Log, Sqrt, Abs } from './unary.js';
export { Sigmoid, Tanh, Relu, ReluGrad } from './activations.js';
export { MatMul } from './matmul.js';
export { Sum, Mean, Max } from './reduce.js';
export { Identity, Reshape, Permute, Expand, Cast } from './movement.js';
export { Softmax, LogSoftmax } from './softmax.js';
export { SoftmaxCrossEntropy, SoftmaxCrossEntropyGrad } from './softmax-cross-entropy.js';
export { ArgMax } from './argmax.js';
