import type { Op } from '../autodiff/define-op.js';
import { Abs, Add, AddScalar, Div, DivScalar, MulScalar, SubScalar, Exp, Identity, Log, LogSoftmax, Cast, Expand, MatMul, Max, Mean, Mul, Neg, Permute, Pow, PowScalar, Relu, Reshape, ReluGrad, Sigmoid, Softmax, SoftmaxCrossEntropy, SoftmaxCrossEntropyGrad, Sqrt, Sub, Sum, Tanh, ArgMax } from './all.js';

/** The name of every built-in op. A new op is added here first, and the type below then demands it. */
export type BuiltinOpName =
  | 'Add' | 'Sub' | 'Mul' | 'Div' | 'Neg' | 'Pow' | 'PowScalar'
  | 'AddScalar' | 'SubScalar' | 'MulScalar' | 'DivScalar'
  | 'Exp' | 'Log' | 'Sqrt' | 'Abs' | 'Sigmoid' | 'Tanh' | 'Relu' | 'ReluGrad'
  | 'MatMul' | 'Sum' | 'Mean' | 'Max'
  | 'Identity' | 'Reshape' | 'Permute' | 'Expand' | 'Cast'
  | 'Softmax' | 'LogSoftmax' | 'SoftmaxCrossEntropy' | 'SoftmaxCrossEntropyGrad'
  | 'ArgMax';

/**
 * Every built-in op, by name. Its type requires every name in {@link BuiltinOpName}, and a test walks it
 * to make sure each op has a gradient test: an op cannot be added without one.
 * @internal
 */
export const opRegistry: { readonly [K in BuiltinOpName]: Op<never, never> } = {
  Add, Sub, Mul, Div, Neg, Pow, PowScalar,
  AddScalar, SubScalar, MulScalar, DivScalar,
  Exp, Log, Sqrt, Abs, Sigmoid, Tanh, Relu, ReluGrad,
  MatMul, Sum, Mean, Max,
  Identity, Reshape, Permute, Expand, Cast,
  Softmax, LogSoftmax, SoftmaxCrossEntropy, SoftmaxCrossEntropyGrad,
  ArgMax,
};
