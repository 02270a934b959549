import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SGD, Tensor } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const f64 = { dtype: 'float64', requiresGrad: true } as const;
const C = Tensor.from([3, 0.5], { dtype: 'float64' });
/** loss = Σ c·p, so the gradient is c = [3, 0.5] whatever p is: easy to update by hand. */
const linearLoss = (p: Tensor): Tensor => p.mul(C).sum();

function steps(opt: SGD, p: Tensor, n: number, loss = linearLoss): void {
  for (let i = 0; i < n; i++) {
    opt.zeroGrad();
    loss(p).backward();
    opt.step();
  }
}

describe('SGD', () => {
  it('plain: p ← p − lr·g', () => {
    const p = Tensor.from([1, -2], f64);
    steps(new SGD([p], { lr: 0.1 }), p, 1);
    expectClose(p, [1 - 0.3, -2 - 0.05], { atol: 1e-15, rtol: 0 });
  });

  it('weight decay adds λ·p to the gradient', () => {
    const p = Tensor.from([1, -2], f64);
    steps(new SGD([p], { lr: 0.1, weightDecay: 0.01 }), p, 1);
    expectClose(p, [1 - 0.1 * (3 + 0.01), -2 - 0.1 * (0.5 - 0.02)], { atol: 1e-15, rtol: 0 });
  });

  it('momentum: v₁ = g, v₂ = μ·v₁ + g, so two steps move 2.9·lr·g for μ = 0.9', () => {
    const p = Tensor.from([1, -2], f64);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9 });
    steps(opt, p, 1);
    expectClose(p, [1 - 0.3, -2 - 0.05], { atol: 1e-15, rtol: 0 });
    steps(opt, p, 1);
    expectClose(p, [1 - 0.29 * 3, -2 - 0.29 * 0.5], { atol: 1e-15, rtol: 0 });
  });

  it('Nesterov: the step uses g + μ·v (1.9·g, then 2.71·g)', () => {
    const p = Tensor.from([1, -2], f64);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true });
    steps(opt, p, 2);
    expectClose(p, [1 - 0.1 * 4.61 * 3, -2 - 0.1 * 4.61 * 0.5], { atol: 1e-14, rtol: 0 });
  });

  it('momentum with weight decay, on float32 parameters', () => {
    const p = Tensor.from([1, -2], { requiresGrad: true });
    const opt = new SGD([p], { lr: 0.1, momentum: 0.5, weightDecay: 0.1 });
    steps(opt, p, 2, (q) => q.mul(Tensor.from([3, 0.5])).sum());
    // step 1: d = [3.1, 0.3], v = d, p = [0.69, -2.03]; step 2: d = [3.069, 0.297], v = [4.619, 0.447], p = [0.2281, -2.0747]
    expectClose(p, [0.2281, -2.0747], { atol: 1e-6, rtol: 0 });
    expect(p.dtype).toBe('float32');
  });

  it('updates in place, records nothing, and leaves parameters without a gradient alone', () => {
    const p = Tensor.from([1, 2], f64);
    const q = Tensor.from([5], f64);
    const data = p.data;
    const opt = new SGD([p, q], { lr: 1 });
    p.sum().backward();
    opt.step();
    expect(p.data).toBe(data); // same typed array: the update is in place
    expect(p._node).toBeNull();
    expect(p.requiresGrad).toBe(true);
    expectClose(p, [0, 1]);
    expectClose(q, [5]); // q.grad is null: untouched
    expectClose(p.grad as Tensor, [1, 1]); // the gradient is read, never changed
  });

  it('zeroGrad clears every gradient; a parameter listed twice is updated once', () => {
    const p = Tensor.from([1], f64);
    const opt = new SGD([p, p], { lr: 1 });
    expect(opt.params).toHaveLength(1);
    p.sum().backward();
    opt.step();
    expectClose(p, [0]);
    opt.zeroGrad();
    expect(p.grad).toBeNull();
  });

  it('rejects bad parameters and hyperparameters with errors naming SGD', () => {
    const p = Tensor.from([1], f64);
    expect(() => new SGD([], { lr: 0.1 })).toThrow('SGD: got an empty parameter list');
    expect(() => new SGD([Tensor.from([1])], { lr: 0.1 })).toThrow(/must be a leaf tensor created with requiresGrad: true/);
    expect(() => new SGD([p.mul(2)], { lr: 0.1 })).toThrow(InvalidArgumentError);
    expect(() => new SGD([3 as never], { lr: 0.1 })).toThrow(/parameter 0 is 3/);
    expect(() => new SGD(p as never, { lr: 0.1 })).toThrow(/iterable of tensors/);
    expect(() => new SGD([p], {} as never)).toThrow(/lr must be a finite number/);
    expect(() => new SGD([p], { lr: -1 })).toThrow(InvalidArgumentError);
    expect(() => new SGD([p], { lr: 0.1, momentum: 1 })).toThrow(/momentum must be a finite number in \[0, 1\)/);
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow(/nesterov needs a momentum/);
    expect(() => new SGD([p], { lr: 0.1, weightDecay: NaN })).toThrow(InvalidArgumentError);
  });

  it('rejects a .grad whose shape differs from its parameter', () => {
    const p = Tensor.from([1, 2], f64);
    p.grad = Tensor.ones([3], { dtype: 'float64' });
    expect(() => new SGD([p], { lr: 0.1 }).step()).toThrow('SGD.step: parameter 0 has shape [2] but its .grad has shape [3]');
  });

  it('minimises a quadratic', () => {
    const p = Tensor.from([3, -4], f64);
    steps(new SGD([p], { lr: 0.1, momentum: 0.5 }), p, 100, (q) => q.mul(q).sum());
    expectClose(p, [0, 0], { atol: 1e-8 });
  });
});
