// The `tinygrad-ts/testing` entry: fast-check arbitraries and a one-line property test for ops.
// fast-check is an optional peer dependency of this entry only; the main entry never imports it.

/**
 * Property-based testing helpers: fast-check arbitraries for shapes and well-conditioned tensors, and
 * `checkOpGradients`, a one-line gradient property test for your own ops. Needs `fast-check` installed
 * (an optional peer dependency of this entry only): `import { checkOpGradients } from 'tinygrad-ts/testing'`.
 * @module tinygrad-ts/testing
 */
export {
  shapeArb, broadcastShapesArb, broadcastableTo, matmulShapesArb, tensorArb, anyTensorArb,
} from './arbitraries.js';
export type { ShapeConstraints, TensorConstraints } from './arbitraries.js';
export { checkOpGradients } from './check-op-gradients.js';
export type { OpSample, CheckOpGradientsOptions } from './check-op-gradients.js';
