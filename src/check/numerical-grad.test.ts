import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Tensor, numericalGrad, numericalJacobian } from '../index.js';

const f64 = (v: number[] | number[][]) => Tensor.from(v, { dtype: 'float64' });
const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol: number) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs((got[i] as number) - (want[i] as number))).toBeLessThan(tol);
};

describe('numericalGrad', () => {
  it('matches the analytic gradient of a polynomial in several inputs', () => {
    const x = f64([[1, -2], [0.5, 3]]);
    const y = f64([0.25, -1.5]);
    // f = Σ x²·y (y broadcast over rows): df/dx = 2xy, df/dy_j = Σ_i x_ij²
    const [dx, dy] = numericalGrad((a, b) => a.mul(a).mul(b).sum(), [x, y]);
    expect(dx.shape).toEqual([2, 2]);
    expect(dx.dtype).toBe('float64');
    close(dx.data, [2 * 1 * 0.25, 2 * -2 * -1.5, 2 * 0.5 * 0.25, 2 * 3 * -1.5], 1e-8);
    close(dy.data, [1 + 0.25, 4 + 9], 1e-8);
  });

  it('keeps shape and dtype of float32 inputs and uses a float32-sized step', () => {
    const x = Tensor.from([0.3, -0.7]);
    const [dx] = numericalGrad((t) => t.exp().sum(), [x]);
    expect(dx.dtype).toBe('float32');
    close(dx.data, [Math.exp(0.3), Math.exp(-0.7)], 1e-3);
  });

  it('does not modify the inputs and works on scalars', () => {
    const x = Tensor.scalar(2, { dtype: 'float64' });
    const [dx] = numericalGrad((t) => t.pow(3), [x], { eps: 1e-5 });
    expect(x.item()).toBe(2); // bit-identical: the input must come back untouched, not merely close
    expect(Math.abs(dx.item() - 12)).toBeLessThan(1e-6);
  });

  it('rejects a non-scalar f, non-tensor inputs and a bad eps', () => {
    const x = f64([1, 2]);
    expect(() => numericalGrad((t) => t.mul(2), [x])).toThrow(/one-element tensor, got shape \[2\]/);
    expect(() => numericalGrad((t: Tensor) => t.sum(), [[1, 2]] as never)).toThrow(InvalidArgumentError);
    expect(() => numericalGrad((t: Tensor) => t.sum(), x as never)).toThrow(/inputs must be an array/);
    expect(() => numericalGrad((t) => t.sum(), [x], { eps: 0 })).toThrow(/eps must be a positive/);
  });
});

describe('numericalJacobian', () => {
  it('lays out ∂out[e]/∂in[k] as a [outSize, inSize] matrix per input', () => {
    const a = f64([1, 2]);
    const b = f64([[3], [4], [5]]);
    // out[i][j] = a_j · b_i  (shape [3, 2])
    const [ja, jb] = numericalJacobian((p, q) => p.mul(q), [a, b]);
    expect(ja.shape).toEqual([6, 2]);
    expect(jb.shape).toEqual([6, 3]);
    close(ja.data, [3, 0, 0, 3, 4, 0, 0, 4, 5, 0, 0, 5], 1e-8);
    close(jb.data, [1, 0, 0, 2, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 0, 2], 1e-8);
  });
});
