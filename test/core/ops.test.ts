// Forward values computed by hand, and backward rules against hand-derived gradients.
import { describe, expect, it } from 'vitest';
import { AxisError, InvalidArgumentError, ShapeError, Tensor, grad, matmul, softmaxCrossEntropy } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const f64 = { dtype: 'float64' } as const;
const T = (v: Parameters<typeof Tensor.from>[0]): Tensor => Tensor.from(v, f64);

/** Gradient of sum(f(x) ⊙ w) for a fixed weight w: exercises the rule with a non-uniform output gradient. */
function weightedGrad(f: (x: Tensor) => Tensor, x: Tensor, w?: Tensor): Tensor {
  return grad((y: Tensor) => {
    const out = f(y);
    return (w ? out.mul(w) : out).sum();
  })(x);
}

describe('elementwise ops', () => {
  it('compute values by hand', () => {
    const a = T([1, 2, 4]);
    const b = T([2, 4, 8]);
    expectClose(a.add(b), [3, 6, 12]);
    expectClose(a.sub(b), [-1, -2, -4]);
    expectClose(a.mul(b), [2, 8, 32]);
    expectClose(a.div(b), [0.5, 0.5, 0.5]);
    expectClose(a.neg(), [-1, -2, -4]);
    expectClose(a.pow(2), [1, 4, 16]);
    expectClose(a.pow(b), [1, 16, 65536]);
    expectClose(T([0, 1]).exp(), [1, Math.E]);
    expectClose(T([1, Math.E]).log(), [0, 1]);
    expectClose(T([4, 9]).sqrt(), [2, 3]);
    expectClose(T([-3, 0, 2]).abs(), [3, 0, 2]);
    expectClose(T([0, 2]).sigmoid(), [0.5, 1 / (1 + Math.exp(-2))]);
    expectClose(T([0, 1]).tanh(), [0, Math.tanh(1)]);
    expectClose(T([-1, 0, 3]).relu(), [0, 0, 3]);
  });

  it('accept numbers on either side and keep the tensor dtype', () => {
    const x = Tensor.from([1, 2]);
    expect(x.mul(2).dtype).toBe('float32');
    expectClose(x.mul(2), [2, 4]);
    expectClose(x.sub(1), [0, 1]);
    expectClose(x.div(2), [0.5, 1]);
    expectClose(x.pow(3), [1, 8]);
  });

  it('promote mixed dtypes to float64 and send gradients back in each input dtype', () => {
    const a = Tensor.from([1, 2], { requiresGrad: true });
    const b = Tensor.from([3, 4], { dtype: 'float64', requiresGrad: true });
    const c = a.mul(b);
    expect(c.dtype).toBe('float64');
    c.sum().backward();
    expect(a.grad?.dtype).toBe('float32');
    expect(b.grad?.dtype).toBe('float64');
    expectClose(a.grad!, [3, 4]);
    expectClose(b.grad!, [1, 2]);
  });

  it('sigmoid stays finite for large |x|', () => {
    const y = T([-1000, 1000, -40]).sigmoid();
    expectClose(y, [0, 1, 1 / (1 + Math.exp(40))], { atol: 0, rtol: 1e-12 });
    expectClose(Tensor.from([-1000, 1000]).sigmoid(), [0, 1]);
  });

  it('backward rules match hand-derived gradients', () => {
    const x = T([0.5, 1.5, 2]);
    const w = T([1, -2, 3]);
    const v = [0.5, 1.5, 2];
    const wv = [1, -2, 3];
    const s = (t: number) => 1 / (1 + Math.exp(-t));
    expectClose(weightedGrad((y) => y.exp(), x, w), v.map((t, i) => Math.exp(t) * wv[i]!));
    expectClose(weightedGrad((y) => y.log(), x, w), v.map((t, i) => wv[i]! / t));
    expectClose(weightedGrad((y) => y.sqrt(), x, w), v.map((t, i) => wv[i]! / (2 * Math.sqrt(t))));
    expectClose(weightedGrad((y) => y.sigmoid(), x, w), v.map((t, i) => wv[i]! * s(t) * (1 - s(t))));
    expectClose(weightedGrad((y) => y.tanh(), x, w), v.map((t, i) => wv[i]! * (1 - Math.tanh(t) ** 2)));
    expectClose(weightedGrad((y) => y.pow(3), x, w), v.map((t, i) => wv[i]! * 3 * t * t));
    expectClose(weightedGrad((y) => y.neg(), x, w), wv.map((t) => -t));
    expectClose(weightedGrad((y) => y.abs(), T([-2, 0, 3])), [-1, 0, 1]);
    expectClose(weightedGrad((y) => y.relu(), T([-2, 0, 3])), [0, 0, 1]);
    // pow with a tensor exponent: d/da aᵇ = b·aᵇ⁻¹, d/db aᵇ = aᵇ·ln a
    const [da, db] = grad((a: Tensor, b: Tensor) => a.pow(b).sum(), { argnums: [0, 1] })(T([2, 3]), T([3, 0.5]));
    expectClose(da, [3 * 4, 0.5 / Math.sqrt(3)]);
    expectClose(db, [8 * Math.log(2), Math.sqrt(3) * Math.log(3)]);
    // quotient rule
    const [dn, dd] = grad((a: Tensor, b: Tensor) => a.div(b).sum(), { argnums: [0, 1] })(T([1, 2]), T([4, 5]));
    expectClose(dn, [1 / 4, 1 / 5]);
    expectClose(dd, [-1 / 16, -2 / 25]);
  });
});

describe('broadcasting', () => {
  it('follows NumPy rules in forward', () => {
    expectClose(T([[1, 2, 3], [4, 5, 6]]).add(T([10, 20, 30])), [[11, 22, 33], [14, 25, 36]]);
    expectClose(T([[1], [2]]).mul(T([1, 10, 100])), [[1, 10, 100], [2, 20, 200]]);
    expectClose(T([[[1, 2]], [[3, 4]]]).sub(T([[1], [2], [3]])), [
      [[0, 1], [-1, 0], [-2, -1]],
      [[2, 3], [1, 2], [0, 1]],
    ]);
    expectClose(T([5]).div(T([[1], [2]])), [[5], [2.5]]);
  });

  it('names the op and both shapes when shapes do not broadcast', () => {
    expect(() => T([1, 2]).add(T([1, 2, 3]))).toThrow(ShapeError);
    expect(() => T([1, 2]).add(T([1, 2, 3]))).toThrow('add: shapes [2] and [3] cannot be broadcast together');
    expect(() => T([[1, 2]]).mul(T([[1], [2], [3]]).expand([3, 3]))).toThrow(/mul: shapes \[1, 2\] and \[3, 3\]/);
  });

  it('sums gradients over broadcast axes back to each input shape', () => {
    const [dx, db] = grad((x: Tensor, b: Tensor) => x.add(b).mul(x).sum(), { argnums: [0, 1] })(
      T([[1, 2, 3], [4, 5, 6]]),
      T([10, 20, 30]),
    );
    // d/dx (x + b)·x = 2x + b; d/db = Σ_rows x
    expectClose(dx, [[12, 24, 36], [18, 30, 42]]);
    expectClose(db, [5, 7, 9]);
    const [dc] = grad((c: Tensor, y: Tensor) => c.mul(y).sum(), { argnums: [0] })(T([[2], [3]]), T([[1, 2], [3, 4]]));
    expectClose(dc, [[3], [7]]);
    const ds = grad((s: Tensor) => s.mul(T([[1, 2], [3, 4]])).sum())(Tensor.scalar(2, f64));
    expect(ds.shape).toEqual([]);
    expectClose(ds, 10);
  });

  it('accumulates the gradient of a tensor used twice', () => {
    const x = Tensor.from([3], { ...f64, requiresGrad: true });
    x.mul(x).add(x).sum().backward(); // d/dx (x² + x) = 2x + 1
    expectClose(x.grad!, [7]);
  });
});

describe('matmul', () => {
  const A = T([[1, 2, 3], [4, 5, 6]]);
  const B = T([[1, 0], [0, 1], [1, 1]]);

  it('multiplies 2-D × 2-D, and vectors on either side like NumPy', () => {
    expectClose(A.matmul(B), [[4, 5], [10, 11]]);
    expectClose(A.matmul(T([1, 1, 1])), [6, 15]);
    expectClose(T([1, 1]).matmul(A), [5, 7, 9]);
    const dot = T([1, 2, 3]).matmul(T([4, 5, 6]));
    expect(dot.shape).toEqual([]);
    expectClose(dot, 32);
  });

  it('broadcasts batch dimensions', () => {
    const batch = Tensor.from([[[1, 0], [0, 1]], [[2, 0], [0, 2]]], f64); // [2, 2, 2]
    const out = matmul(batch, T([[1, 2], [3, 4]]));
    expect(out.shape).toEqual([2, 2, 2]);
    expectClose(out, [[[1, 2], [3, 4]], [[2, 4], [6, 8]]]);
    const left = Tensor.ones([3, 1, 2, 4], f64).matmul(Tensor.ones([5, 4, 2], f64));
    expect(left.shape).toEqual([3, 5, 2, 2]);
    expectClose(left.sum(), 3 * 5 * 2 * 2 * 4);
    const vecBatch = T([1, 1]).matmul(batch);
    expect(vecBatch.shape).toEqual([2, 2]);
    expectClose(vecBatch, [[1, 1], [2, 2]]);
  });

  it('differentiates: dA = G·Bᵀ, dB = Aᵀ·G, summing broadcast batches', () => {
    const [dA, dB] = grad((a: Tensor, b: Tensor) => a.matmul(b).sum(), { argnums: [0, 1] })(A, B);
    expectClose(dA, [[1, 1, 2], [1, 1, 2]]);
    expectClose(dB, [[5, 5], [7, 7], [9, 9]]);
    const [dv, dm] = grad((v: Tensor, m: Tensor) => v.matmul(m).mul(T([1, 2, 3])).sum(), { argnums: [0, 1] })(T([1, 2]), A);
    expectClose(dv, [14, 32]);
    expectClose(dm, [[1, 2, 3], [2, 4, 6]]);
    const dBatchW = grad((w: Tensor) => Tensor.ones([4, 2, 3], f64).matmul(w).sum())(Tensor.ones([3, 5], f64));
    expect(dBatchW.shape).toEqual([3, 5]);
    expectClose(dBatchW, Tensor.full([3, 5], 8, f64));
  });

  it('reports misaligned and 0-D operands', () => {
    expect(() => A.matmul(A)).toThrow('matmul: shapes [2, 3] and [2, 3] are not aligned: 3 (last dimension of a) ≠ 2 (second-to-last dimension of b)');
    expect(() => Tensor.scalar(1).matmul(A)).toThrow(ShapeError);
    expect(() => Tensor.ones([2, 2, 3]).matmul(Tensor.ones([3, 3, 1]))).toThrow(/matmul: shapes \[2\] and \[3\] cannot be broadcast/);
  });
});

describe('reductions', () => {
  const x = T([[1, 5, 3], [4, 2, 6]]);

  it('reduce over all, one, several and negative axes, with keepdims', () => {
    expectClose(x.sum(), 21);
    expect(x.sum().shape).toEqual([]);
    expectClose(x.sum(0), [5, 7, 9]);
    expectClose(x.sum(-1, { keepdims: true }), [[9], [12]]);
    expectClose(x.sum([0, 1], { keepdims: true }), [[21]]);
    expectClose(x.mean(1), [3, 4]);
    expectClose(x.mean(), 3.5);
    expectClose(x.max(0), [4, 5, 6]);
    expectClose(x.max(1, { keepdims: true }), [[5], [6]]);
    expectClose(x.max(), 6);
    const cube = Tensor.arange(24, undefined, 1, f64).reshape([2, 3, 4]);
    expectClose(cube.sum([0, 2]), [60, 92, 124]);
  });

  it('differentiate: sum broadcasts G, mean divides by n, max splits ties evenly', () => {
    expectClose(grad((y: Tensor) => y.sum(1).mul(T([1, 2])).sum())(x), [[1, 1, 1], [2, 2, 2]]);
    expectClose(grad((y: Tensor) => y.mean(0).sum())(x), Tensor.full([2, 3], 0.5, f64));
    expectClose(grad((y: Tensor) => y.max(1).sum())(x), [[0, 1, 0], [0, 0, 1]]);
    expectClose(grad((y: Tensor) => y.max())(T([3, 1, 3, 3])), [1 / 3, 0, 1 / 3, 1 / 3]);
  });

  it('handle empty axes per NumPy and reject bad axes', () => {
    const empty = Tensor.zeros([2, 0], f64);
    expectClose(empty.sum(1), [0, 0]);
    expectClose(empty.mean(1), [NaN, NaN]);
    expect(() => empty.max(1)).toThrow(ShapeError);
    expect(() => x.sum(2)).toThrow(AxisError);
    expect(() => x.sum(2)).toThrow('sum: axis 2 is out of range for a tensor of rank 2');
    expect(() => x.sum([0, 0])).toThrow(AxisError);
    expect(() => x.mean(0.5 as number)).toThrow(AxisError);
  });
});

describe('shape ops', () => {
  const x = T([[1, 2, 3], [4, 5, 6]]);

  it('reshape (with -1), transpose, permute, expand, flatten, squeeze, unsqueeze', () => {
    expectClose(x.reshape([3, 2]), [[1, 2], [3, 4], [5, 6]]);
    expect(x.reshape([-1]).shape).toEqual([6]);
    expect(x.reshape([3, -1]).shape).toEqual([3, 2]);
    expectClose(x.transpose(), [[1, 4], [2, 5], [3, 6]]);
    const c = Tensor.arange(24, undefined, 1, f64).reshape([2, 3, 4]);
    const p = c.permute([2, 0, 1]);
    expect(p.shape).toEqual([4, 2, 3]);
    expectClose(p.toArray() as number[][][], [[[0, 4, 8], [12, 16, 20]], [[1, 5, 9], [13, 17, 21]], [[2, 6, 10], [14, 18, 22]], [[3, 7, 11], [15, 19, 23]]]);
    expect(c.transpose(0, 2).shape).toEqual([4, 3, 2]);
    expectClose(T([1, 2]).expand([2, 2]), [[1, 2], [1, 2]]);
    expectClose(T([[1], [2]]).broadcastTo([2, 3]), [[1, 1, 1], [2, 2, 2]]);
    expect(x.flatten().shape).toEqual([6]);
    expect(Tensor.zeros([1, 3, 1]).squeeze().shape).toEqual([3]);
    expect(Tensor.zeros([1, 3, 1]).squeeze(-1).shape).toEqual([1, 3]);
    expect(Tensor.zeros([3]).unsqueeze(-1).shape).toEqual([3, 1]);
    expect(Tensor.zeros([3]).unsqueeze(0).shape).toEqual([1, 3]);
  });

  it('differentiate back to the input layout', () => {
    const w = T([[1, 2, 3], [4, 5, 6]]);
    expectClose(grad((y: Tensor) => y.transpose().mul(T([[1, 2], [3, 4], [5, 6]])).sum())(x), [[1, 3, 5], [2, 4, 6]]);
    expectClose(grad((y: Tensor) => y.reshape([3, 2]).mul(T([[1, 2], [3, 4], [5, 6]])).sum())(x), [[1, 2, 3], [4, 5, 6]]);
    expectClose(grad((y: Tensor) => y.expand([4, 3]).sum())(T([1, 2, 3])), [4, 4, 4]);
    expectClose(grad((y: Tensor) => y.permute([1, 0]).mul(w.transpose()).sum())(x), w);
    expectClose(grad((y: Tensor) => y.cast('float32').mul(2).sum())(x), Tensor.full([2, 3], 2, f64));
  });

  it('report bad shapes and axes', () => {
    expect(() => x.reshape([4, 2])).toThrow('reshape: cannot reshape a tensor of shape [2, 3] (size 6) into [4, 2] (size 8)');
    expect(() => x.reshape([-1, -1])).toThrow(ShapeError);
    expect(() => x.reshape([4, -1])).toThrow(ShapeError);
    expect(() => x.permute([0, 0])).toThrow(AxisError);
    expect(() => x.permute([0])).toThrow(AxisError);
    expect(() => x.expand([3, 3])).toThrow(/expand: shape \[2, 3\] cannot be broadcast to \[3, 3\]/);
    expect(() => x.squeeze(0)).toThrow(/squeeze: axis 0 .* has size 2, not 1/);
    expect(() => x.cast('int8' as never)).toThrow(/cast: unknown dtype "int8"/);
  });
});

describe('softmax family', () => {
  const z = T([[1, 2, 3], [1, 1, 1]]);
  const softmaxRow = (r: number[]) => {
    const m = Math.max(...r);
    const e = r.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b);
    return e.map((v) => v / s);
  };

  it('softmax and logSoftmax match the definition along any axis', () => {
    expectClose(z.softmax(), [softmaxRow([1, 2, 3]), [1 / 3, 1 / 3, 1 / 3]], { atol: 1e-12 });
    expectClose(z.logSoftmax(), [softmaxRow([1, 2, 3]).map(Math.log), [1, 1, 1].map(() => Math.log(1 / 3))], { atol: 1e-12 });
    const col = z.softmax(0);
    expectClose(col.sum(0), [1, 1, 1], { atol: 1e-12 });
    expectClose(T([1e4, 0, -1e4]).softmax(), [1, 0, 0]);
  });

  it('softmaxCrossEntropy: value, closed-form gradient (softmax − onehot)/N, reductions', () => {
    const labels = [2, 0];
    const expected = [-Math.log(softmaxRow([1, 2, 3])[2]!), -Math.log(1 / 3)];
    expectClose(softmaxCrossEntropy(z, labels, { reduction: 'none' }), expected, { atol: 1e-12 });
    expectClose(softmaxCrossEntropy(z, labels, { reduction: 'sum' }), expected[0]! + expected[1]!, { atol: 1e-12 });
    expectClose(softmaxCrossEntropy(z, labels), (expected[0]! + expected[1]!) / 2, { atol: 1e-12 });
    const dz = grad((l: Tensor) => softmaxCrossEntropy(l, labels))(z);
    const onehot = T([[0, 0, 1], [1, 0, 0]]);
    expectClose(dz, z.softmax().sub(onehot).div(2), { atol: 1e-12 });
    // one-hot tensor targets give the same as labels; Int32Array labels too
    expectClose(softmaxCrossEntropy(z, onehot), softmaxCrossEntropy(z, new Int32Array(labels)), { atol: 1e-12 });
  });

  it('equals the composed −Σ t·logSoftmax(z), and differentiates soft targets', () => {
    const t = T([[0.2, 0.3, 0.5], [0.6, 0.4, 0]]);
    const composed = (l: Tensor) => t.mul(l.logSoftmax()).sum(1).neg().mean();
    expectClose(softmaxCrossEntropy(z, t), composed(z), { atol: 1e-12 });
    expectClose(grad((l: Tensor) => softmaxCrossEntropy(l, t))(z), grad(composed)(z), { atol: 1e-12 });
    expectClose(grad((q: Tensor) => softmaxCrossEntropy(z, q))(t), z.logSoftmax().neg().div(2), { atol: 1e-12 });
  });

  it('stays finite at logits of ±1e4', () => {
    const big = T([[1e4, -1e4, 0], [-1e4, 1e4, 1e4]]);
    const loss = softmaxCrossEntropy(big, [1, 0]);
    expectClose(loss, (2e4 + (1e4 + Math.log(2) + 1e4)) / 2, { atol: 1e-9 });
    const g = grad((l: Tensor) => softmaxCrossEntropy(l, [1, 0]))(big);
    expectClose(g, [[0.5, -0.5, 0], [-0.5, 0.25, 0.25]], { atol: 1e-12 });
    const g32 = grad((l: Tensor) => softmaxCrossEntropy(l, [1, 0]))(big.cast('float32'));
    for (const v of g32.data) expect(Number.isFinite(v)).toBe(true);
  });

  it('rejects bad labels and targets', () => {
    expect(() => softmaxCrossEntropy(z, [0, 3])).toThrow('softmaxCrossEntropy: label 3 at index 1 is not a class index in 0 … 2');
    expect(() => softmaxCrossEntropy(z, [0, 1.5])).toThrow(InvalidArgumentError);
    expect(() => softmaxCrossEntropy(z, [-1, 0])).toThrow(InvalidArgumentError);
    expect(() => softmaxCrossEntropy(z, [0])).toThrow(/got 1 labels for logits of shape \[2, 3\] \(2 rows\)/);
    expect(() => softmaxCrossEntropy(z, T([1, 0, 0]))).toThrow(ShapeError);
    expect(() => softmaxCrossEntropy(z, [0, 1], { reduction: 'avg' as never })).toThrow(InvalidArgumentError);
  });
});
