// Small nets learn small problems to 100 % in a bounded number of steps (outcomes only, never durations).
import { describe, expect, it } from 'vitest';
import { Adam, Linear, SGD, Sequential, Tensor, accuracy, noGrad, softmaxCrossEntropy, tanh } from '../../src/index.js';

describe('training to 100 %', () => {
  it('a 2-8-2 tanh net learns XOR with Adam in 300 steps', () => {
    const x = Tensor.from([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = [0, 1, 1, 0];
    const net = new Sequential([new Linear(2, 8, { seed: 1 }), tanh, new Linear(8, 2, { seed: 2 })]);
    const opt = new Adam(net.parameters(), { lr: 0.05 });
    const first = noGrad(() => softmaxCrossEntropy(net.forward(x), y).item());
    let last = first;
    for (let i = 0; i < 300; i++) {
      opt.zeroGrad();
      const loss = softmaxCrossEntropy(net.forward(x), y);
      loss.backward();
      opt.step();
      last = loss.item();
    }
    expect(noGrad(() => accuracy(net.forward(x), y))).toBe(1);
    expect(last).toBeLessThan(0.05 * first);
  });

  it('logistic regression separates two Gaussian blobs with plain SGD in 50 full-batch steps', () => {
    // class k centred at (±2, ±2), unit noise: linearly separable with these seeds
    const n = 100;
    const noise = Tensor.randn([2 * n, 2], { seed: 5 }).data;
    const pts: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 2 * n; i++) {
      const k = i < n ? 0 : 1;
      const c = k === 0 ? -2.5 : 2.5;
      pts.push([c + 0.6 * (noise[2 * i] as number), c + 0.6 * (noise[2 * i + 1] as number)]);
      labels.push(k);
    }
    const x = Tensor.from(pts);
    const model = new Linear(2, 2, { seed: 3 });
    const opt = new SGD(model.parameters(), { lr: 0.5 });
    for (let i = 0; i < 50; i++) {
      opt.zeroGrad();
      softmaxCrossEntropy(model.forward(x), labels).backward();
      opt.step();
    }
    expect(noGrad(() => accuracy(model.forward(x), labels))).toBe(1);
  });
});
