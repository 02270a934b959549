// float32 agrees with float64 to float32 precision on the two-layer net's loss and gradients.
import { describe, expect, it } from 'vitest';
import { type DType, Tensor, softmaxCrossEntropy, valueAndGrad } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const [N, n, m, t] = [16, 20, 12, 4];
const labels = Array.from({ length: N }, (_, i) => (i * 7) % t);

function lossAndGrads(dtype: DType): [number, Tensor[]] {
  const o = { dtype };
  // the same float64 draws, rounded once into float32: both nets see identical inputs up to that rounding
  const x = Tensor.randn([N, n], { dtype: 'float64', seed: 11 }).cast(dtype);
  const W1 = Tensor.randn([n, m], { seed: 12, ...o }).mul(0.5);
  const b1 = Tensor.randn([m], { seed: 13, ...o }).mul(0.1);
  const W2 = Tensor.randn([m, t], { seed: 14, ...o }).mul(0.5);
  const b2 = Tensor.randn([t], { seed: 15, ...o }).mul(0.1);
  const f = (w1: Tensor, c1: Tensor, w2: Tensor, c2: Tensor): Tensor =>
    softmaxCrossEntropy(x.matmul(w1).add(c1).sigmoid().matmul(w2).add(c2), labels);
  const [loss, grads] = valueAndGrad(f, { argnums: [0, 1, 2, 3] })(W1, b1, W2, b2);
  return [loss.item(), grads];
}

describe('two-layer net in float32 vs float64', () => {
  it('loss and every gradient agree to float32 precision', () => {
    const [l32, g32] = lossAndGrads('float32');
    const [l64, g64] = lossAndGrads('float64');
    expect(g32.every((g) => g.dtype === 'float32')).toBe(true);
    expectClose(l32, l64, { atol: 0, rtol: 1e-6 });
    g32.forEach((g, k) => {
      const ref = g64[k] as Tensor;
      const scale = Math.max(...Array.from(ref.data, Math.abs));
      // relative to the largest entry: tiny entries carry only absolute float32 rounding
      expectClose(Array.from(g.data), Array.from(ref.data), { atol: 1e-6 * scale, rtol: 1e-5 });
    });
    expect(Math.abs(l32 - l64)).toBeGreaterThan(0); // they really were computed in two precisions
  });
});
