// The seed's two-layer net on 1,000 real MNIST digits (the `mnist` devDependency, offline).
import { describe, expect, it } from 'vitest';
import { Linear, SGD, Sequential, sigmoid, softmaxCrossEntropy, accuracy, noGrad, Tensor } from '../../src/index.js';
import { loadAllDigits, loadMnistSplit, seededPermutation } from '../../examples/lib/mnist.js';
import { fit, type Objective } from '../../examples/lib/train.js';

const objective: Objective = {
  loss: (logits, labels) => softmaxCrossEntropy(logits, labels),
  accuracy: (logits, labels) => accuracy(logits, labels),
};

function trainTwoLayerNet(): { losses: number[]; testAccuracy: number; trainAccuracy: number } {
  const { train, test } = loadMnistSplit(1000, 1000, 0);
  const model = new Sequential([new Linear(784, 50, { seed: 1 }), sigmoid, new Linear(50, 10, { seed: 2 })]);
  const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const history = fit({ model, optimizer, objective, train, test, epochs: 8, batchSize: 100, seed: 0 });
  const last = history[history.length - 1]!;
  return { losses: history.map((r) => r.trainLoss), testAccuracy: last.testAccuracy, trainAccuracy: last.trainAccuracy };
}

describe('MNIST data', () => {
  it('loads 10,000 real digits: 784 pixels in [0, 1], labels 0–9, about 1,000 of each', () => {
    const { x, y } = loadAllDigits();
    expect(x.shape).toEqual([10000, 784]);
    expect(x.dtype).toBe('float32');
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThan(0.9);
    const counts = new Array<number>(10).fill(0);
    for (const label of y) counts[label]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(800);
  });

  it('splits by a seeded shuffle: same seed, same split; disjoint train and test', () => {
    const p = seededPermutation(10000, 0);
    const q = seededPermutation(10000, 0);
    expect(p.filter((v, i) => v !== q[i])).toHaveLength(0);
    expect(new Set(p).size).toBe(10000);
    expect(seededPermutation(10000, 1).filter((v, i) => v !== p[i]).length).toBeGreaterThan(9900);
    const a = loadMnistSplit(80, 20, 3);
    const b = loadMnistSplit(80, 20, 3);
    expect(a.train.x.data.filter((v, i) => v !== b.train.x.data[i])).toHaveLength(0);
    // no test image is also a training image
    const key = (x: Tensor, r: number): string => Array.from(x.data.subarray(r * 784, (r + 1) * 784)).join();
    const trainKeys = new Set(Array.from({ length: 80 }, (_, r) => key(a.train.x, r)));
    expect(Array.from({ length: 20 }, (_, r) => key(a.test.x, r)).filter((k) => trainKeys.has(k))).toHaveLength(0);
  });
});

describe('the two-layer net on 1,000 MNIST digits', () => {
  it('goes above 80 % on 1,000 held-out digits after 8 epochs, deterministically', () => {
    const a = trainTwoLayerNet();
    expect(a.testAccuracy).toBeGreaterThan(0.8);
    expect(a.trainAccuracy).toBeGreaterThan(0.85);
    expect(a.losses[a.losses.length - 1]).toBeLessThan(0.3 * a.losses[0]!);
    const b = trainTwoLayerNet();
    expect(b.losses.filter((v, i) => v !== a.losses[i])).toHaveLength(0);
  });

  it('predicts nothing better than chance before training', () => {
    const { test } = loadMnistSplit(0, 1000, 0);
    const model = new Sequential([new Linear(784, 50, { seed: 1 }), sigmoid, new Linear(50, 10, { seed: 2 })]);
    expect(noGrad(() => accuracy(model.forward(test.x), test.y))).toBeLessThan(0.25);
  });
});
