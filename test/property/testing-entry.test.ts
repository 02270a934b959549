// The arbitraries and checkOpGradients of the `tinygrad-ts/testing` entry.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Tensor, defineOp } from '../../src/index.js';
import {
  anyTensorArb, broadcastShapesArb, checkOpGradients, matmulShapesArb, shapeArb, tensorArb,
} from '../../src/testing/index.js';
import { params } from './config.js';
import { broadcastShape } from './reference.js';

describe('arbitraries', () => {
  it('shapeArb respects its bounds', () => {
    fc.assert(
      fc.property(shapeArb({ minRank: 1, maxRank: 2, minDim: 2, maxDim: 3 }), (s) =>
        s.length >= 1 && s.length <= 2 && s.every((d) => d >= 2 && d <= 3)),
      params(),
    );
  });

  it('broadcastShapesArb pairs broadcast together', () => {
    fc.assert(fc.property(broadcastShapesArb(), ([a, b]) => broadcastShape(a, b).length === Math.max(a.length, b.length)), params());
  });

  it('matmulShapesArb pairs agree on the inner dimension and broadcast their batches', () => {
    fc.assert(
      fc.property(matmulShapesArb({ maxRank: 2 }), ([a, b]) => {
        broadcastShape(a.slice(0, -2), b.slice(0, -2));
        return a[a.length - 1] === b[b.length - 2] && a.length >= 2 && b.length >= 2;
      }),
      params(),
    );
  });

  it('tensorArb stays in range, away from avoided points, in its dtype', () => {
    fc.assert(
      fc.property(anyTensorArb({ maxRank: 3 }, { min: -1, max: 1, avoid: [0, 0.5], margin: 0.2, dtype: 'float32' }), (t) => {
        expect(t.dtype).toBe('float32');
        for (const v of t.data) {
          expect(Math.abs(v)).toBeGreaterThanOrEqual(0.2 - 1e-7);
          expect(Math.abs(v - 0.5)).toBeGreaterThanOrEqual(0.2 - 1e-7);
          expect(Math.abs(v)).toBeLessThanOrEqual(1 + 0.2);
        }
      }),
      params(),
    );
  });

  it('tensorArb with distinct keeps every pair of values apart', () => {
    fc.assert(
      fc.property(shapeArb({ maxRank: 3 }).chain((s) => tensorArb(s, { distinct: 0.05, avoid: [0] })), (t) => {
        const v = [...t.data].sort((a, b) => a - b);
        for (let i = 1; i < v.length; i++) expect(v[i]! - v[i - 1]!).toBeGreaterThanOrEqual(0.05 - 1e-12);
        for (const x of v) expect(Math.abs(x)).toBeGreaterThanOrEqual(0.1 - 1e-12);
      }),
      params(),
    );
    expect(() => tensorArb([100], { min: 0, max: 1, distinct: 0.1 })).toThrow(InvalidArgumentError);
  });

  it('a generated tensor prints as code that rebuilds it exactly', () => {
    const [t] = fc.sample(tensorArb([2, 2]), { numRuns: 1, seed: 3 });
    const code = fc.stringify(t);
    const rebuilt = new Function('Tensor', `return ${code}`)(Tensor) as Tensor;
    expect(rebuilt.shape).toEqual([2, 2]);
    expect(Array.from(rebuilt.data)).toEqual(Array.from(t!.data)); // exact: JSON round-trips doubles
  });
});

describe('checkOpGradients', () => {
  const Softplus = defineOp<[Tensor]>({
    name: 'Softplus',
    forward: ([x]) => x.exp().add(1).log(),
    backward: (g, { inputs: [x] }) => [g.mul(x!.sigmoid())],
  });
  const Scale = defineOp<[Tensor], { k: number }>({
    name: 'Scale',
    forward: ([x], { k }) => x.mul(k),
    backward: (g, { attrs: { k } }) => [g.mul(k)],
  });

  it('passes a correct op, with second derivatives', () => {
    expect(() =>
      checkOpGradients(Softplus, { arbitrary: anyTensorArb().map((x) => [x] as [Tensor]), runs: 10, seed: 1, secondOrder: true }),
    ).not.toThrow();
  });

  it('passes attributes from { inputs, attrs } samples and plain functions of tensors', () => {
    const arbitrary = fc.tuple(anyTensorArb(), fc.double({ min: -3, max: 3, noNaN: true })).map(([x, k]) => ({ inputs: [x] as [Tensor], attrs: { k } }));
    expect(() => checkOpGradients(Scale, { arbitrary, runs: 10, seed: 2 })).not.toThrow();
    const pair = broadcastShapesArb().chain(([a, b]) => fc.tuple(tensorArb(a), tensorArb(b)));
    expect(() => checkOpGradients((a: Tensor, b: Tensor) => a.mul(b).tanh(), { arbitrary: pair, runs: 10, seed: 3 })).not.toThrow();
  });

  it('fails on a wrong backward rule, even when told not to raise', () => {
    // regression: with gradcheck: { raiseOnFailure: false } the failed report was dropped and the property passed
    const Wrong = defineOp<[Tensor]>({ name: 'Wrong', forward: ([x]) => x.mul(2), backward: (g) => [g.mul(3)] });
    const arbitrary = anyTensorArb({ minRank: 1 }).map((x) => [x] as [Tensor]);
    expect(() => checkOpGradients(Wrong, { arbitrary, runs: 5, seed: 4 })).toThrow(/Property failed/);
    expect(() => checkOpGradients(Wrong, { arbitrary, runs: 5, seed: 4, gradcheck: { raiseOnFailure: false } })).toThrow(/Property failed/);
  });

  it('rejects a missing arbitrary or a bad run count', () => {
    expect(() => checkOpGradients(Softplus, {} as never)).toThrow(/arbitrary/);
    expect(() => checkOpGradients(Softplus, { arbitrary: anyTensorArb().map((x) => [x] as [Tensor]), runs: 0 })).toThrow(/runs/);
  });
});
