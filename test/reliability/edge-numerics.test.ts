// Numerics at the edges: each documented convention (overflow, kinks, log 0, √0, negative bases) pinned by a test.
import { describe, expect, it } from 'vitest';
import { type DType, Tensor, detectAnomaly, grad, max, pow, softmaxCrossEntropy, valueAndGrad } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const both: DType[] = ['float32', 'float64'];

/** d/dx Σ f(x) at the given points, one gradient per point (each point its own element). */
function gradAt(f: (x: Tensor) => Tensor, xs: number[], dtype: DType = 'float64'): number[] {
  return Array.from(grad((x: Tensor) => f(x).sum())(Tensor.from(xs, { dtype })).data);
}

/** Exact float64 reference: per-row log-sum-exp loss and (softmax − onehot)/N. */
function crossEntropyReference(z: number[][], labels: number[]): { loss: number; grad: number[][] } {
  const n = z.length;
  let loss = 0;
  const g = z.map((row, r) => {
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    loss += (lse - (row[labels[r] as number] as number)) / n;
    return row.map((v, j) => (Math.exp(v - lse) - (j === labels[r] ? 1 : 0)) / n);
  });
  return { loss, grad: g };
}

describe('softmaxCrossEntropy with logits up to ±1e4', () => {
  const logits = [
    [1e4, -1e4, 0],
    [-1e4, 1e4, 5e3],
    [1e4, 1e4 - 1, -1e4],
    [-1e4, -1e4, -1e4],
  ];
  const labels = [0, 2, 1, 1];
  const ref = crossEntropyReference(logits, labels);

  it.each(both)('%s: finite loss equal to the exact value, gradient equal to (softmax − onehot)/N', (dtype) => {
    const [loss, dz] = valueAndGrad((z: Tensor) => softmaxCrossEntropy(z, labels))(Tensor.from(logits, { dtype }));
    expect(Number.isFinite(loss.item())).toBe(true);
    expect(Array.from(dz.data).every(Number.isFinite)).toBe(true);
    const tol = dtype === 'float64' ? { atol: 1e-12, rtol: 1e-12 } : { atol: 1e-6, rtol: 1e-6 };
    expectClose(loss.item(), ref.loss, tol);
    expectClose(dz, ref.grad, tol);
    expect(ref.loss).toBeGreaterThan(1250); // the 5e3 row dominates: a real, large, exact loss
  });

  it.each(both)('%s: one-hot probability targets give the same loss and gradient', (dtype) => {
    const onehot = Tensor.from(logits.map((row, r) => row.map((_, j) => (j === labels[r] ? 1 : 0))), { dtype });
    const [loss, dz] = valueAndGrad((z: Tensor) => softmaxCrossEntropy(z, onehot))(Tensor.from(logits, { dtype }));
    expectClose(loss.item(), ref.loss, { atol: 1e-6, rtol: 1e-6 });
    expectClose(dz, ref.grad, { atol: 1e-6, rtol: 1e-6 });
  });

  it('stays quiet under detectAnomaly (nothing non-finite anywhere, forward or backward)', () => {
    expect(() => detectAnomaly(() => grad((z: Tensor) => softmaxCrossEntropy(z, labels))(Tensor.from(logits)))).not.toThrow();
  });
});

describe('saturating activations at ±1000', () => {
  it.each(both)('%s: sigmoid(±1000) = 1 and 0 with gradient 0, never NaN', (dtype) => {
    const x = Tensor.from([-1000, 1000], { dtype });
    expectClose(x.sigmoid(), [0, 1], { atol: 0, rtol: 0 });
    expectClose(gradAt((v) => v.sigmoid(), [-1000, 1000], dtype), [0, 0], { atol: 0, rtol: 0 });
  });

  it.each(both)('%s: tanh(±1000) = ±1 with gradient 0', (dtype) => {
    expectClose(Tensor.from([-1000, 1000], { dtype }).tanh(), [-1, 1], { atol: 0, rtol: 0 });
    expectClose(gradAt((v) => v.tanh(), [-1000, 1000], dtype), [0, 0], { atol: 0, rtol: 0 });
  });
});

describe('exp overflow, log 0, √0', () => {
  it('exp overflows to +Infinity (float64 past 709.8, float32 past 88.7), never NaN; its gradient is +Infinity', () => {
    expectClose(Tensor.from([710, -1000], { dtype: 'float64' }).exp(), [Infinity, 0]);
    expectClose(Tensor.from([89, 88], { dtype: 'float32' }).exp(), [Infinity, Math.fround(Math.exp(88))], { atol: 0, rtol: 1e-7 });
    expectClose(gradAt((v) => v.exp(), [710]), [Infinity]);
  });

  it('log(0) = −Infinity; its documented gradient is 1/x = +Infinity at +0 (−Infinity at −0)', () => {
    expectClose(Tensor.from([0, -0, 1]).log(), [-Infinity, -Infinity, 0]);
    expectClose(gradAt((v) => v.log(), [0, -0]), [Infinity, -Infinity]);
    expect(Number.isNaN(Tensor.from([-1]).log().item())).toBe(true);
  });

  it('√0 = 0 with gradient +Infinity (1/(2√x), as PyTorch); √ of a negative is NaN', () => {
    expectClose(Tensor.from([0, 4]).sqrt(), [0, 2]);
    expectClose(gradAt((v) => v.sqrt(), [0, 4]), [Infinity, 0.25]);
    expect(Number.isNaN(Tensor.from([-4]).sqrt().item())).toBe(true);
  });
});

describe('pow with a negative base and an integer exponent', () => {
  it('number exponent: (−2)³ = −8, (−2)² = 4, (−2)⁻¹ = −0.5 with d/dx = p·xᵖ⁻¹', () => {
    expectClose(pow(Tensor.from([-2, -3], { dtype: 'float64' }), 3), [-8, -27]);
    expectClose(gradAt((v) => v.pow(3), [-2, -3]), [12, 27]);
    expectClose(gradAt((v) => v.pow(2), [-2]), [-4]);
    expectClose(gradAt((v) => v.pow(-1), [-2]), [-0.25]);
  });

  it('0ᵖ: d/dx x² = 0 and d/dx x⁰ = 0 at x = 0 (no 0·∞ NaN)', () => {
    expectClose(gradAt((v) => v.pow(2), [0]), [0]);
    expectClose(gradAt((v) => v.pow(0), [0]), [0]);
    expectClose(gradAt((v) => v.pow(1), [0]), [1]);
  });

  it('tensor exponent: the base gradient is exact; the exponent gradient is NaN for a negative base (no real log), 0 at base 0', () => {
    const [da, db] = grad((a: Tensor, b: Tensor) => pow(a, b).sum(), { argnums: [0, 1] })(
      Tensor.from([-2, 0, 2], { dtype: 'float64' }), Tensor.from([3, 2, 3], { dtype: 'float64' }),
    );
    expectClose(da as Tensor, [12, 0, 12]);
    expectClose(db as Tensor, [NaN, 0, 8 * Math.log(2)]);
  });

  it('a negative base with a constant tensor exponent is no anomaly (the NaN exponent gradient is dropped)', () => {
    const b = Tensor.from([3], { dtype: 'float64' });
    const dx = detectAnomaly(() => grad((a: Tensor) => pow(a, b).sum())(Tensor.from([-2], { dtype: 'float64' })));
    expectClose(dx, [12]);
  });
});

describe('subgradients at the kinks', () => {
  it('abs: d|x|/dx = sign(x), 0 at x = 0', () => {
    expectClose(gradAt((v) => v.abs(), [-2, 0, 3, -0]), [-1, 0, 1, 0]);
  });

  it('relu: derivative 1 for x > 0, 0 for x ≤ 0 (0 at the kink); relu(NaN) = NaN', () => {
    expectClose(gradAt((v) => v.relu(), [-1, 0, 2]), [0, 0, 1]);
    expect(Number.isNaN(Tensor.from([NaN]).relu().item())).toBe(true);
  });

  it('max: the gradient goes to the arg-max, split equally between k ties (1/k each)', () => {
    expectClose(gradAt((v) => max(v), [1, 3, 2]), [0, 1, 0]);
    expectClose(gradAt((v) => max(v), [3, 1, 3]), [0.5, 0, 0.5]);
    expectClose(gradAt((v) => max(v), [5, 5, 5, 5]), [0.25, 0.25, 0.25, 0.25]);
    const g = grad((v: Tensor) => max(v, 1).sum())(Tensor.from([[1, 1, 0], [0, 2, 1]], { dtype: 'float64' }));
    expectClose(g, [[0.5, 0.5, 0], [0, 1, 0]]);
  });

  it('max: NaN propagates through the value, and makes the gradient NaN along the reduced slice only', () => {
    expect(Number.isNaN(max(Tensor.from([1, NaN, 3])).item())).toBe(true);
    const g = grad((v: Tensor) => max(v, 1).sum())(Tensor.from([[1, NaN, 3], [1, 2, 2]], { dtype: 'float64' }));
    expectClose(g, [[NaN, NaN, NaN], [0, 0.5, 0.5]]);
    expectClose(gradAt((v) => max(v), [Infinity, 1]), [1, 0]);
    expectClose(gradAt((v) => max(v), [-Infinity, -Infinity]), [0.5, 0.5]);
  });
});
