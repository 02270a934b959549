import { describe, expect, it } from 'vitest';
import { AxisError, InvalidArgumentError, ShapeError, Tensor, accuracy, argmax, grad } from '../../src/index.js';
import { ArgMax } from '../../src/ops/argmax.js';
import { expectClose } from '../helpers/close.js';

describe('argmax', () => {
  const x = Tensor.from([[0.1, 0.7, 0.2], [0.5, 0.3, 0.9]]);

  it('finds the index of the maximum along an axis, or in the flattened tensor', () => {
    expectClose(argmax(x, 1), [1, 2]);
    expectClose(argmax(x, -1), [1, 2]);
    expectClose(argmax(x, 0), [1, 0, 1]);
    expect(argmax(x).shape).toEqual([]);
    expectClose(argmax(x), 5);
    expect(argmax(x, 1, { keepdims: true }).shape).toEqual([2, 1]);
    expect(argmax(x, undefined, { keepdims: true }).shape).toEqual([1, 1]);
    expectClose(x.argmax(1), [1, 2]);
  });

  it('works along a middle axis of a 3-D tensor', () => {
    const t = Tensor.from([[[1, 9], [5, 2], [3, 4]], [[0, 0], [7, 8], [6, 9]]]); // [2, 3, 2]
    expectClose(argmax(t, 1), [[1, 0], [1, 2]]);
  });

  it('takes the first of tied maxima and treats NaN as the maximum, like NumPy', () => {
    expectClose(argmax(Tensor.from([3, 1, 3])), 0);
    expectClose(argmax(Tensor.from([1, NaN, 5, NaN])), 1);
    expectClose(argmax(Tensor.from([-Infinity, -Infinity])), 0);
  });

  it('keeps the dtype and has no gradient', () => {
    const w = Tensor.from([[1, 2], [4, 3]], { dtype: 'float64', requiresGrad: true });
    const idx = argmax(w, 1);
    expect(idx.dtype).toBe('float64');
    expect(idx.requiresGrad).toBe(false);
    // Through the raw op, the tape records it and its backward gives the input no gradient (zeros from grad)
    const g = grad((v: Tensor) => ArgMax([v], { axis: 1, keepdims: false }).sum())(w);
    expectClose(g, [[0, 0], [0, 0]]);
  });

  it('rejects an empty tensor, a bad axis and a non-tensor', () => {
    expect(() => argmax(Tensor.zeros([0]))).toThrow(ShapeError);
    expect(() => argmax(Tensor.zeros([2, 0]), 1)).toThrow(/empty tensor \(shape \[2, 0\]\)/);
    expect(() => argmax(x, 2)).toThrow(AxisError);
    expect(() => argmax([1, 2] as never)).toThrow(InvalidArgumentError);
  });
});

describe('accuracy', () => {
  const scores = Tensor.from([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]]);

  it('is the fraction of rows whose top score is the label', () => {
    expect(accuracy(scores, [0, 1, 1, 1])).toBeCloseTo(0.75, 12);
    expect(accuracy(scores, new Uint8Array([0, 1, 0, 1]))).toBeCloseTo(1, 12);
    expect(accuracy(scores, Tensor.from([1, 0, 1, 0]))).toBeCloseTo(0, 12);
  });

  it('accepts one-hot targets of the scores shape', () => {
    expect(accuracy(scores, Tensor.from([[1, 0], [0, 1], [0, 1], [1, 0]]))).toBeCloseTo(0.5, 12);
  });

  it('rejects labels that do not fit the rows', () => {
    expect(() => accuracy(scores, [0, 1])).toThrow(/got 2 labels for scores of shape \[4, 2\]/);
    expect(() => accuracy(scores, Tensor.zeros([3]))).toThrow(ShapeError);
    expect(() => accuracy(scores, 3 as never)).toThrow(InvalidArgumentError);
    expect(() => accuracy(Tensor.scalar(1), [0])).toThrow(InvalidArgumentError);
  });
});
