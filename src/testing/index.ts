// The `tinygrad-ts/testing` entry: fast-check arbitraries and a one-line property test for ops.
// fast-check is an optional peer dependency of this entry only; the main entry never imports it.
export {
  shapeArb, broadcastShapesArb, broadcastableTo, matmulShapesArb, tensorArb, anyTensorArb,
} from './arbitraries.js';
export type { ShapeConstraints, TensorConstraints } from './arbitraries.js';
export { checkOpGradients } from './check-op-gradients.js';
export type { OpSample, CheckOpGradientsOptions } from './check-op-gradients.js';
