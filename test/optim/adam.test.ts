import { describe, expect, it } from 'vitest';
import { Adam, InvalidArgumentError, Linear, SGD, Sequential, Tensor, softmaxCrossEntropy, tanh, type Optimizer } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const f64 = { dtype: 'float64', requiresGrad: true } as const;

function step(opt: Optimizer, p: Tensor, loss: (p: Tensor) => Tensor): void {
  opt.zeroGrad();
  loss(p).backward();
  opt.step();
}

describe('Adam', () => {
  it('bias correction: with a constant gradient every step moves each coordinate by lr (uncorrected: 3.16·lr)', () => {
    const p = Tensor.from([1, -2], f64);
    const c = Tensor.from([3, 0.5], { dtype: 'float64' });
    const opt = new Adam([p], { lr: 0.1 });
    step(opt, p, (q) => q.mul(c).sum());
    expectClose(p, [0.9, -2.1], { atol: 1e-8, rtol: 0 }); // m̂ = g, v̂ = g², so Δ = lr·g/(|g| + ε)
    step(opt, p, (q) => q.mul(c).sum());
    expectClose(p, [0.8, -2.2], { atol: 1e-8, rtol: 0 });
  });

  it('matches a hand computation on p² for three steps', () => {
    // m ← 0.9m + 0.1g, v ← 0.999v + 0.001g², p ← p − 0.1·(m/(1−0.9ᵗ)) / (√(v/(1−0.999ᵗ)) + 1e-8), g = 2p
    const p = Tensor.from([1], f64);
    const opt = new Adam([p], { lr: 0.1 });
    const expected = [0.9000000005, 0.8004122286917928, 0.7015862729460303];
    for (const e of expected) {
      step(opt, p, (q) => q.mul(q).sum());
      expectClose(p, [e], { atol: 1e-13, rtol: 0 });
    }
  });

  it('weight decay adds λ·p to the gradient before the moments', () => {
    // g = 0 but λ·p = 0.5: the first step still moves by lr·sign(λ·p)
    const p = Tensor.from([5], f64);
    const opt = new Adam([p], { lr: 0.01, weightDecay: 0.1 });
    step(opt, p, (q) => q.mul(0).sum());
    expectClose(p, [4.99], { atol: 1e-9, rtol: 0 });
  });

  it('keeps the step count per parameter, so a parameter that skips a step is still bias-corrected', () => {
    const a = Tensor.from([1], f64);
    const b = Tensor.from([1], f64);
    const opt = new Adam([a, b], { lr: 0.1 });
    step(opt, a, (q) => q.sum()); // only a has a gradient
    expectClose(b, [1]);
    opt.zeroGrad();
    b.sum().backward();
    opt.step();
    expectClose(b, [0.9], { atol: 1e-8, rtol: 0 }); // b's first step: a full lr
  });

  it('rejects bad hyperparameters', () => {
    const p = Tensor.from([1], f64);
    expect(() => new Adam([p], { betas: [0.9, 1] })).toThrow(/betas\[1\] must be a finite number in \[0, 1\)/);
    expect(() => new Adam([p], { eps: -1 })).toThrow(InvalidArgumentError);
    expect(() => new Adam([p], { lr: Infinity })).toThrow(/Adam: lr/);
    expect(new Adam([p]).lr).toBeCloseTo(1e-3, 15);
  });
});

describe('determinism', () => {
  /** A small net trained on seeded data: every number it produces depends only on the seeds. */
  function train(makeOpt: (params: Tensor[]) => Optimizer): { losses: number[]; params: Tensor[] } {
    const net = new Sequential([new Linear(6, 8, { seed: 1 }), tanh, new Linear(8, 3, { seed: 2 })]);
    const opt = makeOpt(net.parameters());
    const x = Tensor.randn([32, 6], { seed: 3 });
    const labels = Array.from(Tensor.rand([32], { seed: 4 }).data, (u) => Math.floor(u * 3));
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      opt.zeroGrad();
      const loss = softmaxCrossEntropy(net.forward(x), labels);
      loss.backward();
      opt.step();
      losses.push(loss.item());
    }
    return { losses, params: net.parameters() };
  }

  it.each([
    ['SGD with momentum', (ps: Tensor[]) => new SGD(ps, { lr: 0.1, momentum: 0.9, weightDecay: 1e-4 })],
    ['Adam', (ps: Tensor[]) => new Adam(ps, { lr: 0.01 })],
  ])('%s: two runs with the same seeds give bit-identical losses and parameters', (_, makeOpt) => {
    const a = train(makeOpt);
    const b = train(makeOpt);
    expect(a.losses.filter((v, i) => v !== b.losses[i])).toHaveLength(0);
    const differing = a.params.reduce((n, p, k) => n + p.data.filter((v, i) => v !== (b.params[k] as Tensor).data[i]).length, 0);
    expect(differing).toBe(0);
    expect(a.losses[19]).toBeLessThan(a.losses[0] as number); // and it did train
  });
});
