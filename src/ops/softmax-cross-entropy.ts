import { defineOp, type Op } from '../autodiff/define-op.js';
import { allocate, promote } from '../dtype.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { crossEntropyGradRows, crossEntropyRows } from '../kernels/softmax.js';
import { readOptions } from '../_internal/options.js';
import { describe, formatShape, shapesEqual } from '../_internal/shape.js';
import { isTensor, Tensor } from '../tensor.js';
import { mul, neg, sub } from './arithmetic.js';
import { unsqueeze } from './movement.js';
import { mean, sum } from './reduce.js';
import { logSoftmax, softmax } from './softmax.js';

export const SoftmaxCrossEntropy = defineOp<[Tensor, Tensor]>({
  name: 'SoftmaxCrossEntropy',
  // per row: Σ_j t_j·(logsumexp(z) − z_j); output has the logits' shape without the class axis
  forward: ([z, t]) => {
    const c = z.shape[z.ndim - 1] as number;
    const rows = c === 0 ? 0 : z.size / c;
    const out = allocate(promote(z.dtype, t.dtype), rows);
    return Tensor._wrap(crossEntropyRows(z.data, t.data, rows, c, out), z.shape.slice(0, -1));
  },
  // dz = G·(softmax(z)·Σ_j t_j − t)  (= G·(softmax − onehot) for one-hot targets), dt = −G·logSoftmax(z)
  backward: (g, { inputs: [z, t] }) => [
    SoftmaxCrossEntropyGrad([g, z, t]),
    t.requiresGrad ? neg(mul(unsqueeze(g, -1), logSoftmax(z))) : null,
  ],
});

/**
 * Softmax cross-entropy's backward for the logits as one op (one pass instead of six ops):
 * dz = G·(p·T − t) with p = softmax(z) and T = Σ_j t_j per row (G has one value per row). Differentiable again:
 * for an upstream gradient H of dz's shape, with P = Σ_j p_j·H_j per row,
 * dG = Σ_j H_j·(p_j·T − t_j), dz = G·T·p ⊙ (H − P), dt = G·(P − H).
 */
export const SoftmaxCrossEntropyGrad: Op<[Tensor, Tensor, Tensor]> = defineOp<[Tensor, Tensor, Tensor]>({
  name: 'SoftmaxCrossEntropyGrad',
  forward: ([g, z, t]) => {
    const c = z.shape[z.ndim - 1] as number;
    if (z.ndim === 0 || !shapesEqual(t.shape, z.shape) || !shapesEqual(g.shape, z.shape.slice(0, -1))) {
      throw new ShapeError(
        `SoftmaxCrossEntropyGrad: expected logits [..., C], targets of the same shape and a gradient without the class axis; got ${formatShape(g.shape)}, ${formatShape(z.shape)}, ${formatShape(t.shape)}`,
      );
    }
    const rows = c === 0 ? 0 : z.size / c;
    const out = allocate(promote(promote(g.dtype, z.dtype), t.dtype), z.size);
    return Tensor._wrap(crossEntropyGradRows(g.data, z.data, t.data, rows, c, out), z.shape);
  },
  backward: (h, { inputs: [g, z, t] }) => {
    const p = softmax(z);
    const total = sum(t, -1, { keepdims: true });
    const gc = unsqueeze(g, -1);
    const ph = sum(mul(p, h), -1, { keepdims: true });
    return [
      g.requiresGrad ? sum(mul(h, sub(mul(p, total), t)), -1) : null,
      z.requiresGrad ? mul(mul(gc, total), mul(p, sub(h, ph))) : null,
      t.requiresGrad ? mul(gc, sub(ph, h)) : null,
    ];
  },
});

/**
 * Class labels for {@link softmaxCrossEntropy}: one integer class index per row.
 * @category Ops
 */
export type Labels = readonly number[] | Int32Array | Uint8Array | Uint16Array | Uint32Array | Int16Array | Int8Array;

/**
 * Options of {@link softmaxCrossEntropy}.
 * @category Ops
 */
export interface CrossEntropyOptions {
  /** `'mean'` over rows (default), `'sum'`, or `'none'` for one loss per row. */
  readonly reduction?: 'mean' | 'sum' | 'none';
}

/**
 * Cross-entropy of softmax(logits) against targets, fused and computed with log-sum-exp, so logits of ±1e4 give
 * a finite loss and a finite gradient. The class axis is the last one.
 * Gradient (mean reduction, one-hot targets): d/dz = (softmax(z) − onehot)/N.
 * @param logits - scores of shape [..., C] (commonly [N, C]).
 * @param target - class indices (one per row, integers in 0 … C−1), or a one-hot / probability tensor of the logits' shape.
 * @param options - `reduction`: `'mean'` (default), `'sum'` or `'none'`.
 * @throws {@link InvalidArgumentError} for a label that is not an integer in range or a wrong label count;
 * {@link ShapeError} when a target tensor's shape differs from the logits', or the logits have no classes (C = 0).
 * @category Ops
 * @example
 * ```ts
 * import { Tensor, softmaxCrossEntropy } from 'tinygrad-ts';
 * const logits = Tensor.from([[2, 0, 0], [0, 0, 2]], { dtype: 'float64' });
 * console.log(softmaxCrossEntropy(logits, [0, 2]).item()); // 0.23954476622...
 * ```
 */
export function softmaxCrossEntropy(logits: Tensor, target: Labels | Tensor, options: CrossEntropyOptions = {}): Tensor {
  if (!isTensor(logits) || logits.ndim === 0) {
    throw new ShapeError(`softmaxCrossEntropy: logits must be a tensor of shape [..., C], got ${isTensor(logits) ? formatShape(logits.shape) : describe(logits)}`);
  }
  if (logits.shape[logits.ndim - 1] === 0) {
    // no classes: the softmax of nothing is undefined, and rows could not be counted from size / C
    throw new ShapeError(`softmaxCrossEntropy: logits of shape ${formatShape(logits.shape)} have no classes (last dimension 0)`);
  }
  const reduction = readOptions<CrossEntropyOptions>(options, ['reduction'], 'softmaxCrossEntropy').reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new InvalidArgumentError(`softmaxCrossEntropy: reduction must be 'mean', 'sum' or 'none', got ${describe(reduction)}`);
  }
  const t = isTensor(target) ? target : oneHot(target, logits);
  if (!shapesEqual(t.shape, logits.shape)) {
    throw new ShapeError(`softmaxCrossEntropy: target has shape ${formatShape(t.shape)} but the logits have shape ${formatShape(logits.shape)}`);
  }
  const losses = SoftmaxCrossEntropy([logits, t]);
  return reduction === 'none' ? losses : reduction === 'sum' ? sum(losses) : mean(losses);
}

function oneHot(labels: Labels, logits: Tensor): Tensor {
  const isLabelArray = Array.isArray(labels) || (ArrayBuffer.isView(labels) && !(labels instanceof Float32Array) && !(labels instanceof Float64Array));
  if (!isLabelArray) {
    throw new InvalidArgumentError(`softmaxCrossEntropy: target must be a Tensor or an array of class indices, got ${describe(labels)}`);
  }
  const c = logits.shape[logits.ndim - 1] as number;
  const rows = c === 0 ? 0 : logits.size / c;
  if (labels.length !== rows) {
    throw new InvalidArgumentError(`softmaxCrossEntropy: got ${labels.length} labels for logits of shape ${formatShape(logits.shape)} (${rows} rows)`);
  }
  const data = allocate(logits.dtype, logits.size);
  for (let r = 0; r < rows; r++) {
    const label = labels[r];
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= c) {
      throw new InvalidArgumentError(`softmaxCrossEntropy: label ${describe(label)} at index ${r} is not a class index in 0 … ${c - 1}`);
    }
    data[r * c + label] = 1;
  }
  return Tensor._wrap(data, logits.shape);
}
