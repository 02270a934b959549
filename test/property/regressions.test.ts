// Counterexamples the property suite found, kept as fixed cases (with the seed that found them).
import { describe, expect, it } from 'vitest';
import { GradcheckError, Tensor, defineOp, gradcheck } from '../../src/index.js';

const f64 = (v: number[] | number[][], shape?: number[]) => Tensor.from(v, shape === undefined ? { dtype: 'float64' } : { dtype: 'float64', shape });

describe('regressions found by the property suite', () => {
  // seed 509510926, composition suite, shrunk: chain ["maxOfRows"], x = zeros([2, 3]).
  // Max splits a k-way tie's gradient evenly (1/k each); central differences see 1/2 for any k ≥ 2.
  // Not a bug but the convention (PyTorch's amax does the same): the suite keeps max inputs tie-free,
  // and this case pins both halves of the behaviour.
  it('a three-way tie in max: 1/3 analytical vs 1/2 numerical, reported as a jacobian failure', () => {
    const f = (x: Tensor) => x.add(x.max(1, { keepdims: true }).mul(0.5)).sum();
    const report = gradcheck(f, [f64([[0, 0, 0], [0, 0, 0]])], { raiseOnFailure: false });
    const worst = report.failures[0]!.worst!;
    expect(report.failures[0]!.kind).toBe('jacobian');
    expect(Math.abs(worst.analytical - (1 + 3 * 0.5 / 3))).toBeLessThan(1e-12); // 1 + 0.5·3·(1/3)
    expect(Math.abs(worst.numerical - (1 + 3 * 0.5 / 2))).toBeLessThan(1e-6); // 1 + 0.5·3·(1/2)
  });

  it('a two-way tie in max matches central differences exactly', () => {
    const f = (x: Tensor) => x.add(x.max(1, { keepdims: true }).mul(0.5)).sum();
    expect(gradcheck(f, [f64([[0.3, 0.3], [-1, 2]])]).passed).toBe(true);
  });

  // planted-bug suite, shrunk: x = [0, −2.49…, 0, 0]: equal values tie for the worst element; any of them may be named.
  it('the planted sigmoid bug with tied worst elements names one of them', () => {
    const Planted = defineOp<[Tensor]>({ name: 'Planted', forward: ([x]) => x.sigmoid(), backward: (g, { output }) => [g.mul(output)] });
    let err: unknown;
    try {
      gradcheck((t) => Planted([t]).sum(), [f64([0, -2.4926624041804613, 0, 0])]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GradcheckError);
    expect([[0], [2], [3]]).toContainEqual([...(err as GradcheckError).report.failures[0]!.worst!.inputIndex]);
  });

  it('scalars broadcast against every rank', () => {
    const s = Tensor.scalar(0.7, { dtype: 'float64' });
    const x = f64([0.1, -0.2, 0.3, 0.4, -0.5, 0.6], [2, 1, 3]);
    expect(gradcheck((a, b) => a.mul(b).add(b.div(a)).sum(1), [s, x]).passed).toBe(true);
  });
});
