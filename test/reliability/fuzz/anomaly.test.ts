// Properties of anomaly mode on random op chains: it throws exactly when some op's result is non-finite, it never
// changes a result, and when it lets a backward pass through, every gradient is finite and identical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnomalyError, Tensor, detectAnomaly, grad } from '../../../src/index.js';
import { runs, shapeArb, tensorOf } from './arbitraries.js';

export const ANOMALY_RUNS = 300;

const steps: Record<string, (z: Tensor) => Tensor> = {
  exp: (z) => z.exp(), log: (z) => z.log(), sqrt: (z) => z.sqrt(), tanh: (z) => z.tanh(), sigmoid: (z) => z.sigmoid(),
  relu: (z) => z.relu(), abs: (z) => z.abs(), neg: (z) => z.neg(), square: (z) => z.mul(z), recip: (z) => z.pow(-1),
  scale: (z) => z.mul(100), shift: (z) => z.sub(3), softmax: (z) => (z.ndim > 0 ? z.softmax() : z), mean: (z) => z.mean(-1, { keepdims: true }),
};
const finiteValues = fc.double({ min: -20, max: 20, noNaN: true });
const chainArb = fc.array(fc.constantFrom(...Object.keys(steps)), { minLength: 1, maxLength: 6 });
const inputArb = tensorOf(shapeArb.filter((s) => s.length > 0 && s.every((d) => d > 0)), fc.constant('float64'), finiteValues);

const run = (x: Tensor, chain: readonly string[], seen?: boolean[]): Tensor =>
  chain.reduce((z, name) => {
    const out = (steps[name] as (t: Tensor) => Tensor)(z);
    seen?.push(Array.from(out.data).every(Number.isFinite));
    return out;
  }, x);

const same = (a: Tensor, b: Tensor): boolean =>
  a.size === b.size && Array.from(a.data).every((v, i) => Object.is(v, b.data[i]) || (Number.isNaN(v) && Number.isNaN(b.data[i] as number)));

describe('fuzz: anomaly mode on random op chains', () => {
  it('forward: throws an AnomalyError exactly when an op of the chain produced NaN or ±Infinity; otherwise the same result', () => {
    fc.assert(
      fc.property(inputArb, chainArb, (x, chain) => {
        const finite: boolean[] = [];
        const plain = run(x, chain, finite);
        const firstBad = finite.indexOf(false);
        if (firstBad < 0) {
          expect(same(detectAnomaly(() => run(x, chain)), plain)).toBe(true);
          return;
        }
        let caught: unknown;
        try {
          detectAnomaly(() => run(x, chain));
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(AnomalyError);
        expect((caught as AnomalyError).phase).toBe('forward');
        expect((caught as AnomalyError).createdAt).toMatch(/anomaly\.test\.ts:\d+/);
      }),
      { numRuns: runs(ANOMALY_RUNS) },
    );
  });

  it('backward: when anomaly mode lets grad() through, every gradient is finite and bit-identical to the plain one', () => {
    fc.assert(
      fc.property(inputArb, chainArb, (x, chain) => {
        const f = (v: Tensor): Tensor => run(v, chain).sum();
        const plain = grad(f)(x);
        let checked: Tensor | undefined;
        try {
          checked = detectAnomaly(() => grad(f)(x));
        } catch (e) {
          expect(e).toBeInstanceOf(AnomalyError);
          return;
        }
        expect(Array.from(checked.data).every(Number.isFinite)).toBe(true);
        expect(same(checked, plain)).toBe(true);
      }),
      { numRuns: runs(ANOMALY_RUNS) },
    );
  });
});
