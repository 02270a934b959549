// Zero-sized tensors follow NumPy: the sum of nothing is 0, the mean of nothing is NaN, the max of nothing is an error.
import { describe, expect, it } from 'vitest';
import { ShapeError, Tensor, grad, softmaxCrossEntropy } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const empty = Tensor.zeros([0, 3], { dtype: 'float64' });

describe('zero-sized tensors', () => {
  it('sum over an empty axis is 0; over everything it is the scalar 0', () => {
    expectClose(empty.sum(0), Tensor.zeros([3], { dtype: 'float64' }));
    expect(empty.sum().shape).toEqual([]);
    expectClose(empty.sum().item(), 0);
    expect(empty.sum(1).shape).toEqual([0]);
  });

  it('mean over an empty axis is NaN (0/0, the documented rule), with keepdims keeping the shape', () => {
    expectClose(empty.mean(0), [NaN, NaN, NaN]);
    expect(empty.mean(0, { keepdims: true }).shape).toEqual([1, 3]);
    expect(Number.isNaN(empty.mean().item())).toBe(true);
  });

  it('max over an empty axis is a ShapeError naming the axis and the shape; over a non-empty axis it is empty', () => {
    expect(() => empty.max(0)).toThrow(ShapeError);
    expect(() => empty.max()).toThrow(/max: cannot reduce axis 0 of size 0 \(shape \[0, 3\]\)/);
    expect(empty.max(1).shape).toEqual([0]);
  });

  it('matmul with a zero inner dimension is all zeros; with a zero outer one it is empty', () => {
    expectClose(Tensor.zeros([2, 0]).matmul(Tensor.zeros([0, 3])), Tensor.zeros([2, 3]));
    expect(Tensor.zeros([0, 2]).matmul(Tensor.zeros([2, 3])).shape).toEqual([0, 3]);
  });

  it('gradients of empty inputs are empty tensors of the input shape', () => {
    for (const f of [(x: Tensor) => x.sum(), (x: Tensor) => x.mul(2).add(1).relu().sum(), (x: Tensor) => x.matmul(Tensor.ones([3, 2], { dtype: 'float64' })).sum()]) {
      const g = grad(f)(empty);
      expect(g.shape).toEqual([0, 3]);
      expect(g.size).toBe(0);
    }
  });

  it('movement, broadcasting and softmax keep the empty dimension', () => {
    expect(empty.reshape([3, -1]).shape).toEqual([3, 0]);
    expect(empty.add(Tensor.ones([1, 3], { dtype: 'float64' })).shape).toEqual([0, 3]);
    expect(Tensor.zeros([0, 3, 2]).permute([2, 0, 1]).shape).toEqual([2, 0, 3]);
    expect(Tensor.zeros([2, 0]).softmax().shape).toEqual([2, 0]);
    expect(Tensor.ones([1, 3]).expand([0, 3]).shape).toEqual([0, 3]);
    expect(Tensor.zeros([2, 0, 3]).toArray()).toEqual([[], []]);
  });

  it('cross-entropy of zero rows is the mean of nothing: NaN; with reduction sum it is 0', () => {
    expect(Number.isNaN(softmaxCrossEntropy(empty, []).item())).toBe(true);
    expectClose(softmaxCrossEntropy(empty, [], { reduction: 'sum' }).item(), 0);
    expect(softmaxCrossEntropy(empty, [], { reduction: 'none' }).shape).toEqual([0]);
  });
});
