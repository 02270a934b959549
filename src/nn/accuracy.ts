import { InvalidArgumentError, ShapeError } from '../errors.js';
import { argmax } from '../ops/argmax.js';
import { describe, formatShape, shapesEqual } from '../_internal/shape.js';
import { isTensor, type Tensor } from '../tensor.js';

/**
 * The fraction of rows whose highest score is the right class: `mean(argmax(scores, -1) == label)`.
 * @param scores - logits or probabilities of shape `[..., C]` (commonly `[N, C]`).
 * @param labels - one class index per row (an array, or a tensor of shape `scores.shape` without the last axis),
 * or a one-hot tensor of the scores' shape.
 * @returns a number in [0, 1] (NaN for zero rows).
 * @throws {@link ShapeError} when the labels do not match the rows; {@link InvalidArgumentError} for a non-tensor.
 * @category nn
 * @example
 * ```ts
 * import { Tensor, accuracy } from 'tinygrad-ts';
 * const scores = Tensor.from([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]);
 * console.log(accuracy(scores, [0, 1, 1])); // 0.6666666666666666
 * ```
 */
export function accuracy(scores: Tensor, labels: ArrayLike<number> | Tensor): number {
  if (!isTensor(scores) || scores.ndim === 0) {
    throw new InvalidArgumentError(`accuracy: scores must be a tensor of shape [..., C], got ${isTensor(scores) ? `shape ${formatShape(scores.shape)}` : describe(scores)}`);
  }
  const predicted = argmax(scores, -1).data;
  let truth: ArrayLike<number>;
  if (isTensor(labels)) {
    const oneHot = shapesEqual(labels.shape, scores.shape);
    if (!oneHot && !shapesEqual(labels.shape, scores.shape.slice(0, -1))) {
      throw new ShapeError(`accuracy: labels of shape ${formatShape(labels.shape)} fit neither the rows ${formatShape(scores.shape.slice(0, -1))} nor the scores ${formatShape(scores.shape)}`);
    }
    truth = oneHot ? argmax(labels, -1).data : labels.data;
  } else if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new InvalidArgumentError(`accuracy: labels must be class indices or a tensor, got ${describe(labels)}`);
  } else {
    truth = labels;
  }
  if (truth.length !== predicted.length) {
    throw new ShapeError(`accuracy: got ${truth.length} labels for scores of shape ${formatShape(scores.shape)} (${predicted.length} rows)`);
  }
  let hits = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === truth[i]) hits++;
  return hits / predicted.length;
}
