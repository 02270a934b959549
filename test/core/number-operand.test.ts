// `x ∘ k` with a plain number records the number in attrs, not as a scalar tensor: it must match the tensor form exactly.
import { describe, expect, it } from 'vitest';
import { AnomalyError, Tensor, add, detectAnomaly, div, grad, gradcheck, mul, sub, type DType } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

type Form = (x: Tensor, k: number | Tensor) => Tensor;
const forms: Record<string, Form> = {
  'x + k': (x, k) => add(x, k),
  'k + x': (x, k) => add(k, x),
  'x − k': (x, k) => sub(x, k),
  'x · k': (x, k) => mul(x, k),
  'k · x': (x, k) => mul(k, x),
  'x / k': (x, k) => div(x, k),
};
const shapes = [[], [3], [2, 3]] as const;
// 0.1 and 1/3 are not float32 numbers: the number must be rounded to x's dtype as a scalar tensor would be
const numbers = [0.1, -1 / 3, 2.5, 1e-3];

function values(shape: readonly number[], dtype: DType): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.from(Array.from({ length: n }, (_, i) => 0.7 + 0.37 * i - 0.05 * i * i), { shape, dtype, requiresGrad: true });
}

describe('ops with a number operand', () => {
  for (const [name, f] of Object.entries(forms)) {
    it(`${name} equals the tensor form: values, dtype, gradient and second derivative`, () => {
      for (const dtype of ['float32', 'float64'] as const) {
        for (const shape of shapes) {
          for (const k of numbers) {
            const x = values(shape, dtype);
            const kt = Tensor.scalar(k, { dtype });
            const viaNumber = f(x, k);
            const viaTensor = f(x, kt);
            expect(viaNumber.dtype).toBe(viaTensor.dtype);
            expectClose(viaNumber, viaTensor, { atol: 0, rtol: 0 });
            // a cubic in x, so the second derivative runs the number op's rule again, recorded
            const cubic = (fk: number | Tensor) => (v: Tensor) => f(v.mul(v).mul(v), fk).mul(v).sum();
            expectClose(grad(cubic(k))(x), grad(cubic(kt))(x), { atol: 0, rtol: 0 });
            const second = (fk: number | Tensor) => grad((v: Tensor) => grad(cubic(fk))(v).sum());
            expectClose(second(k)(x), second(kt)(x), { atol: 0, rtol: 0 });
          }
        }
      }
    });
  }

  it('records as the op’s scalar form (a registered op of its own), with the tensor as its only input', () => {
    const x = Tensor.from([1, 2], { requiresGrad: true });
    expect(x.mul(2)._node?.def.name).toBe('MulScalar');
    expect(x.add(2)._node?.def.name).toBe('AddScalar');
    expect(x.sub(2)._node?.def.name).toBe('SubScalar');
    expect(x.div(2)._node?.def.name).toBe('DivScalar');
    expect(x.mul(2)._node?.inputs.length).toBe(1);
  });

  it('passes gradcheck in float64', () => {
    const x = Tensor.from([0.3, -1.2, 2], { dtype: 'float64' });
    for (const f of Object.values(forms)) expect(gradcheck((v: Tensor) => f(v, 0.7).mul(v).sum(), [x]).passed).toBe(true);
  });

  it('anomaly mode still names the number as the op’s input', () => {
    const x = Tensor.from([1, 2], { requiresGrad: true });
    try {
      detectAnomaly(() => x.mul(Number.NaN));
      expect.unreachable('detectAnomaly should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(AnomalyError);
      expect((e as AnomalyError).op).toBe('Mul');
      expect((e as Error).message).toMatch(/input 1 already has NaN/);
    }
  });
});
