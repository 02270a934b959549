// Smoke test of the seed study (bench/seed-study.ts) on tiny sizes: every code path, no timing assertions.
import { describe, expect, it } from 'vitest';
import { QUICK, runStudy } from '../../bench/seed-study.js';
import { depthChart, sweepChart } from '../../bench/seed-study/charts.js';
import { forwardFma, paramCount, seedBound } from '../../bench/seed-study/net.js';
import { powerFit } from '../../bench/seed-study/stats.js';

describe('seed study', () => {
  it('counts parameters and multiply-adds as the analysis does', () => {
    const textbook = { n: 784, m: 50, t: 10, l: 1, batch: 1 };
    expect(paramCount(textbook)).toBe(39_760); // (n+1)m + (m+1)t
    expect(forwardFma(textbook)).toBe(39_700); // nm + mt
    expect(paramCount({ ...textbook, l: 3 })).toBe(39_760 + 2 * 51 * 50);
    expect(seedBound(textbook)).toBe((784 + 50) * (50 + 10) * (784 * 50 + 50 * 10));
    // the seed's call count (n+m+2)·2(m+t) over-counts the true 2P by 2[(n+1)t + (m+1)m] (docs/seed-study.md)
    expect((784 + 50 + 2) * 2 * (50 + 10) - 2 * paramCount(textbook)).toBe(2 * ((784 + 1) * 10 + (50 + 1) * 50));
  });

  it('recovers the exponent of a power law', () => {
    const xs = [2, 4, 8, 16];
    expect(powerFit(xs, xs.map((x) => 3 * x ** 2.5)).exponent).toBeCloseTo(2.5, 10);
  });

  it('runs every sweep on tiny nets, the two gradients agree, and the charts render', () => {
    const result = runStudy(QUICK);
    const points = [...result.sweeps.flatMap((s) => s.points), ...result.textbook];
    expect(points).toHaveLength(QUICK.sweeps.reduce((k, s) => k + s.values.length, 0) + QUICK.textbook.length);
    for (const p of points) {
      expect(p.agreement.allClose).toBe(true);
      expect(p.agreement.maxRelDiff).toBeLessThan(1e-6);
      expect(p.numericalSeconds).toBeGreaterThan(0);
      expect(p.backpropSeconds).toBeGreaterThan(0);
    }
    // the quick preset forces the subset-and-extrapolate path at the textbook point
    const [tb] = result.textbook;
    expect(tb!.numericalExtrapolated).toBe(true);
    expect(tb!.numericalParams).toBeLessThan(tb!.params);
    for (const s of result.sweeps) {
      expect(Number.isFinite(s.fit.numerical) && Number.isFinite(s.fit.backprop)).toBe(true);
      expect(sweepChart(s.sweep, s.points, s.fit)).toMatch(/^<svg[\s\S]*fit: slope[\s\S]*<\/svg>\n$/);
    }
    expect(result.depth.growthPerLayer).toHaveLength(QUICK.sweeps.find((s) => s.variable === 'l')!.values.length - 1);
    expect(depthChart(result.sweeps.find((s) => s.sweep.variable === 'l')!.points, result.depth)).toContain('linear fit');
    expect(() => JSON.stringify(result)).not.toThrow();
  });
});
