// Bugs found by the reliability fuzzing, each kept as a fixed regression case.
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { AutodiffError, AxisError, DTypeError, InvalidArgumentError, ShapeError, Tensor, grad, matmul, softmaxCrossEntropy } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

describe('regressions', () => {
  it('softmaxCrossEntropy with zero classes is a ShapeError (was: a [2]-shaped tensor holding 0 values, or a wrong row count)', () => {
    const z = Tensor.zeros([2, 0]);
    expect(() => softmaxCrossEntropy(z, Tensor.zeros([2, 0]), { reduction: 'none' })).toThrow(ShapeError);
    expect(() => softmaxCrossEntropy(z, [0, 0])).toThrow(/softmaxCrossEntropy: logits of shape \[2, 0\] have no classes/);
  });

  it.each(['reshape', 'permute', 'transpose', 'expand', 'flatten', 'squeeze', 'unsqueeze', 'cast', 'sum', 'mean', 'max', 'softmax', 'logSoftmax'])(
    '%s of a non-tensor is an InvalidArgumentError naming the op (was: TypeError reading .ndim/.shape of undefined)',
    (name) => {
      const fn = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[name] as (...a: unknown[]) => unknown;
      for (const junk of [undefined, [], [0, []], new Float32Array([1, 2]), 'x']) {
        expect(() => fn(junk, [1])).toThrow(InvalidArgumentError);
        expect(() => fn(junk, [1])).toThrow(new RegExp(`^${name}: expected a Tensor, got`));
      }
    },
  );

  it('an unknown dtype that JSON cannot print (a BigInt, a BigInt64Array) is a DTypeError (was: TypeError from JSON.stringify)', () => {
    expect(() => Tensor.zeros([1]).cast(10n as never)).toThrow(DTypeError);
    expect(() => Tensor.zeros([1], { dtype: new BigInt64Array(1) as never })).toThrow(/Tensor\.zeros: unknown dtype \[object BigInt64Array\]/);
  });

  it('matmul: a zero times Infinity or NaN is NaN, as in IEEE and NumPy (was: 0, the kernel skipped zero entries)', () => {
    const f64 = { dtype: 'float64' } as const;
    const out = matmul(Tensor.from([[0, 0]], f64), Tensor.from([[Infinity, 1], [1, NaN]], f64));
    expect(Array.from(out.data).map(Number.isNaN)).toEqual([true, true]);
    // the transposed kernel path, through backward: dB = Aᵀ·G with A = 0 and G = ∞
    const a = Tensor.from([[0, 0]], { ...f64, requiresGrad: true });
    const b = Tensor.from([[1, 2], [3, 4]], { ...f64, requiresGrad: true });
    a.matmul(b).backward(Tensor.from([[Infinity, Infinity]], f64));
    expect(Array.from(b.grad?.data ?? []).map(Number.isNaN)).toEqual([true, true, true, true]);
  });

  it('rank above 64 is a named error (was: RangeError, maximum call stack, from Tensor.from, toArray and toString)', () => {
    let nested: unknown = 1;
    for (let i = 0; i < 20_000; i++) nested = [nested];
    expect(() => Tensor.from(nested as number[])).toThrow(ShapeError);
    expect(() => Tensor.from(nested as number[])).toThrow(/^Tensor\.from: arrays nested more than 64 deep/);
    expect(() => Tensor.zeros(new Array(20_000).fill(1))).toThrow(/^Tensor\.zeros: a shape of 20000 dimensions is more than the 64 allowed/);
    const r64 = Tensor.zeros(new Array(64).fill(1));
    expect(JSON.stringify(r64.toArray()).length).toBe(64 * 2 + 1);
    expect(() => r64.unsqueeze(0)).toThrow(InvalidArgumentError);
    expect(() => r64.reshape(new Array(65).fill(1))).toThrow(/reshape: a shape of 65 dimensions/);
  });

  it('backward into a leaf whose .grad was set to a wrong shape or a non-tensor is an AutodiffError (was: a silently broadcast [3, 2] gradient, or a TypeError)', () => {
    const x = Tensor.from([1, 2], { requiresGrad: true });
    x.grad = Tensor.zeros([3, 2]);
    expect(() => x.mul(2).sum().backward()).toThrow(AutodiffError);
    expect(() => x.mul(2).sum().backward()).toThrow(/^backward: a leaf of shape \[2\] has a \.grad of shape \[3, 2\]/);
    x.grad = 5 as never;
    expect(() => x.mul(2).sum().backward()).toThrow(/has a \.grad of 5/);
    x.grad = null;
    x.mul(2).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([2, 2]); // small integers: exact
  });

  it('a sparse axis list ([1, , 3]) is an AxisError (was: the hole skipped validation and sum/mean/max returned a tensor whose shape did not match its data)', () => {
    const x = Tensor.zeros([0, 0, 0, 0]);
    // eslint-disable-next-line no-sparse-arrays
    const holey = [1, , 3] as number[];
    for (const op of ['sum', 'mean', 'max'] as const) {
      expect(() => x[op](holey)).toThrow(AxisError);
      expect(() => x[op](holey)).toThrow(new RegExp(`^${op}: axis undefined is out of range`));
    }
    // eslint-disable-next-line no-sparse-arrays
    expect(() => Tensor.zeros([2, 3, 4]).permute([2, , 0] as number[])).toThrow(/^permute: axis undefined is out of range/);
  });

  it('grad with a repeated argnums index gives the same gradient twice (was: zeros for the first copy, a silently wrong number)', () => {
    const f = (x: Tensor, y: Tensor): Tensor => x.mul(y).sum();
    const a = Tensor.from([1, 2], { dtype: 'float64' });
    const b = Tensor.from([3, 4], { dtype: 'float64' });
    const [g0, g1, g2] = grad(f, { argnums: [0, 1, 0] })(a, b) as Tensor[];
    expectClose(g0 as Tensor, [3, 4]);
    expectClose(g1 as Tensor, [1, 2]);
    expectClose(g2 as Tensor, [3, 4]);
    // a hole in argnums is an error, not a hole in the result
    // eslint-disable-next-line no-sparse-arrays
    expect(() => grad(f, { argnums: [0, , 1] as never })(a, b)).toThrow(/^grad: argnums undefined is out of range/);
  });
});
