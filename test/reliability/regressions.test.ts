// Bugs found by the reliability fuzzing, each kept as a fixed regression case.
import { describe, expect, it } from 'vitest';
import { ShapeError, Tensor, softmaxCrossEntropy } from '../../src/index.js';

describe('regressions', () => {
  it('softmaxCrossEntropy with zero classes is a ShapeError (was: a [2]-shaped tensor holding 0 values, or a wrong row count)', () => {
    const z = Tensor.zeros([2, 0]);
    expect(() => softmaxCrossEntropy(z, Tensor.zeros([2, 0]), { reduction: 'none' })).toThrow(ShapeError);
    expect(() => softmaxCrossEntropy(z, [0, 0])).toThrow(/softmaxCrossEntropy: logits of shape \[2, 0\] have no classes/);
  });
});
