import { defineOp } from '../autodiff/define-op.js';
import { allocate, promote } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { matmul as matmulKernel } from '../kernels/matmul.js';
import { broadcastStrides } from '../kernels/elementwise.js';
import { broadcastShapes, formatShape, sizeOf } from '../_internal/shape.js';
import { Tensor } from '../tensor.js';
import { asTensor, type TensorLike } from './_helpers.js';
import { squeeze, unsqueeze } from './movement.js';

interface MatMulAttrs {
  /** Use the transpose of A's last two axes (folded into the kernel, never copied). */
  readonly transA: boolean;
  readonly transB: boolean;
}

export const MatMul = defineOp<[Tensor, Tensor], MatMulAttrs>({
  name: 'MatMul',
  forward: ([a, b], { transA, transB }) => {
    const [m, k] = matrixDims(a, transA);
    const [k2, n] = matrixDims(b, transB, true);
    if (k !== k2) {
      throw new ShapeError(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned: ${k} (inner dimension of a) ≠ ${k2} (inner dimension of b)`);
    }
    const batchA = a.shape.slice(0, -2);
    const batchB = b.shape.slice(0, -2);
    const batch = broadcastShapes(batchA, batchB, 'matmul');
    const out = allocate(promote(a.dtype, b.dtype), sizeOf(batch) * m * n);
    const sa = broadcastStrides(batchA, batch);
    const sb = broadcastStrides(batchB, batch);
    const count = sizeOf(batch);
    for (let i = 0; i < count; i++) {
      // batch index i → offsets in A and B (0 stride along broadcast batch dims)
      let rest = i;
      let offA = 0;
      let offB = 0;
      for (let d = batch.length - 1; d >= 0; d--) {
        const dim = batch[d] as number;
        const idx = rest % dim;
        rest = (rest - idx) / dim;
        offA += idx * (sa[d] as number);
        offB += idx * (sb[d] as number);
      }
      matmulKernel(a.data, offA * m * k, transA, b.data, offB * k * n, transB, out, i * m * n, m, k, n);
    }
    return Tensor._wrap(out, [...batch, m, n]);
  },
  // C = op(A)·op(B); each gradient is again a matmul with transposes folded in, e.g. dA = G·Bᵀ, dB = Aᵀ·G
  // (the engine sums batch-broadcast axes away)
  backward: (g, { inputs: [a, b], attrs: { transA, transB } }) => {
    const mm = (x: Tensor, y: Tensor, tx: boolean, ty: boolean): Tensor => MatMul([x, y], { transA: tx, transB: ty });
    // an input that needs no gradient (the data batch x in x·W) gets none: that product is half the backward pass
    const da = a.requiresGrad, db = b.requiresGrad;
    if (!transA && !transB) return [da ? mm(g, b, false, true) : null, db ? mm(a, g, true, false) : null];
    // C = AᵀB: dA = B·Gᵀ, dB = A·G
    if (transA && !transB) return [da ? mm(b, g, false, true) : null, db ? mm(a, g, false, false) : null];
    // C = A·Bᵀ: dA = G·B, dB = Gᵀ·A
    if (!transA && transB) return [da ? mm(g, b, false, false) : null, db ? mm(g, a, true, false) : null];
    // C = AᵀBᵀ: dA = Bᵀ·Gᵀ, dB = Gᵀ·Aᵀ
    return [da ? mm(b, g, true, true) : null, db ? mm(g, a, true, true) : null];
  },
});

/** [rows, cols] of the matrix a tensor stands for (its last two axes, swapped when transposed). */
function matrixDims(x: Tensor, trans: boolean, right = false): [number, number] {
  if (x.ndim < 2) {
    throw new ShapeError(`matmul: ${right ? 'b' : 'a'} must have at least 2 dimensions here, got shape ${formatShape(x.shape)}`);
  }
  const r = x.shape[x.ndim - 2] as number;
  const c = x.shape[x.ndim - 1] as number;
  return trans ? [c, r] : [r, c];
}

/**
 * Matrix product with NumPy's `matmul` rules: 2-D × 2-D; a 1-D operand is a vector (prepended or appended 1,
 * removed afterwards); N-D operands are stacks of matrices whose batch dimensions broadcast.
 * d/dA (A·B) = G·Bᵀ, d/dB (A·B) = Aᵀ·G.
 * @param a - the left operand (at least 1-D).
 * @param b - the right operand (at least 1-D).
 * @throws {@link ShapeError} when the inner dimensions differ, a batch does not broadcast, or an operand is 0-D.
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, matmul } from 'tinygrad-ts';
 * const a = Tensor.from([[1, 2], [3, 4]]);
 * console.log(matmul(a, Tensor.from([[1], [1]])).toArray()); // [[3], [7]]
 * console.log(matmul(a, Tensor.from([1, 1])).toArray());     // [3, 7]
 * ```
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a, undefined, 'matmul');
  const y = asTensor(b, undefined, 'matmul');
  if (x.ndim === 0 || y.ndim === 0) {
    throw new ShapeError(`matmul: operands must be at least 1-D, got shapes ${formatShape(x.shape)} and ${formatShape(y.shape)} (use mul for scalars)`);
  }
  const x2 = x.ndim === 1 ? unsqueeze(x, 0) : x;
  const y2 = y.ndim === 1 ? unsqueeze(y, -1) : y;
  if (x2.shape[x2.ndim - 1] !== y2.shape[y2.ndim - 2]) {
    throw new ShapeError(
      `matmul: shapes ${formatShape(x.shape)} and ${formatShape(y.shape)} are not aligned: ${x2.shape[x2.ndim - 1]} (last dimension of a) ≠ ${y2.shape[y2.ndim - 2]} (${y.ndim === 1 ? 'length' : 'second-to-last dimension'} of b)`,
    );
  }
  let out = MatMul([x2, y2], { transA: false, transB: false });
  if (y.ndim === 1) out = squeeze(out, -1);
  if (x.ndim === 1) out = squeeze(out, x.ndim === 1 && y.ndim === 1 ? 0 : -2);
  return out;
}
