// The suite must catch a wrong backward rule: a copy of Sigmoid whose gradient misses the (1 − σ) factor
// raises GradcheckError, and the report names the element that breaks the tolerance the most.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GradcheckError, Tensor, defineOp, gradcheck } from '../../src/index.js';
import { checkOpGradients, anyTensorArb } from '../../src/testing/index.js';
import { params } from './config.js';

const sigma = (v: number): number => 1 / (1 + Math.exp(-v));

// The same forward as the built-in Sigmoid; the backward forgets (1 − out).
const PlantedSigmoid = defineOp<[Tensor]>({
  name: 'PlantedSigmoid',
  forward: ([x]) => x.sigmoid(),
  backward: (g, { output }) => [g.mul(output)],
});

/** Where the planted error σ² is largest relative to the tolerance atol + rtol·σ(1 − σ) (several, for equal values). */
function expectedWorst(x: Tensor): number[] {
  const scores = Array.from(x.data, (v) => {
    const s = sigma(v);
    return (s * s) / (1e-5 + 1e-3 * s * (1 - s));
  });
  const best = Math.max(...scores);
  return scores.flatMap((sc, i) => (sc >= best * (1 - 1e-6) ? [i] : []));
}

const unravel = (flat: number, shape: readonly number[]): number[] =>
  shape.reduceRight<number[]>((idx, d) => {
    idx.unshift(flat % d);
    flat = Math.floor(flat / d);
    return idx;
  }, []);

const flatOf = (idx: readonly number[], shape: readonly number[]): number => idx.reduce((f, v, d) => f * shape[d]! + v, 0);

describe('planted bug: sigmoid without its (1 − σ) factor', () => {
  it('gradcheck raises GradcheckError naming the worst element, on random inputs', () => {
    fc.assert(
      fc.property(anyTensorArb({ minRank: 1, maxRank: 3 }, { min: -4, max: 4 }), (x) => {
        let err: unknown;
        try {
          gradcheck((t) => PlantedSigmoid([t]).sum(), [x]);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(GradcheckError);
        const failure = (err as GradcheckError).report.failures[0]!;
        expect(failure.kind).toBe('jacobian');
        expect(failure.opPath).toBe('input 0 → PlantedSigmoid → Sum → output');
        const worst = failure.worst!;
        const candidates = expectedWorst(x).map((k) => unravel(k, x.shape));
        expect(candidates).toContainEqual([...worst.inputIndex]);
        const s = sigma(x.data[flatOf(worst.inputIndex, x.shape)]!);
        expect(Math.abs(worst.analytical - s)).toBeLessThan(1e-12);
        expect(Math.abs(worst.numerical - s * (1 - s))).toBeLessThan(1e-7);
        expect((err as Error).message).toContain(`d input0[${worst.inputIndex.join(', ')}]`);
      }),
      params(),
    );
  });

  it('the built-in Sigmoid passes the very same check', () => {
    fc.assert(
      fc.property(anyTensorArb({ minRank: 1, maxRank: 3 }, { min: -4, max: 4 }), (x) => gradcheck((t) => t.sigmoid().sum(), [x]).passed),
      params(),
    );
  });

  it('checkOpGradients fails on the planted op, with the report in the cause', () => {
    let err: unknown;
    try {
      checkOpGradients(PlantedSigmoid, { arbitrary: anyTensorArb({ minRank: 1 }).map((x) => [x] as [Tensor]), runs: 5, seed: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Property failed/);
    expect((err as Error & { cause?: unknown }).cause).toBeInstanceOf(GradcheckError);
  });
});
