// Anomaly mode names the first op whose forward or backward went non-finite, and the user's line that applied it.
import { describe, expect, it } from 'vitest';
import { AnomalyError, AutodiffError, Tensor, defineOp, detectAnomaly, grad, isAnomalyEnabled } from '../../src/index.js';

const f64 = { dtype: 'float64' } as const;

function catchAnomaly(fn: () => unknown): AnomalyError {
  try {
    detectAnomaly(fn);
  } catch (e) {
    expect(e).toBeInstanceOf(AnomalyError);
    expect(e).toBeInstanceOf(AutodiffError);
    return e as AnomalyError;
  }
  throw new Error('expected an AnomalyError');
}

describe('detectAnomaly', () => {
  it('is off by default and restores the previous mode, also after a throw', () => {
    expect(isAnomalyEnabled()).toBe(false);
    expect(detectAnomaly(() => isAnomalyEnabled())).toBe(true);
    expect(() => detectAnomaly(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isAnomalyEnabled()).toBe(false);
  });

  it('when off, NaN flows through silently (the IEEE result)', () => {
    const y = Tensor.from([-1, 4], f64).sqrt();
    expect(Number.isNaN(y.data[0])).toBe(true);
  });

  it('forward: names the op, the index, the input shapes and this test file as the creation site', () => {
    const x = Tensor.from([[1, 2], [-3, 4]], f64);
    const e = catchAnomaly(() => x.add(1).sqrt());
    expect(e.op).toBe('Sqrt');
    expect(e.phase).toBe('forward');
    expect(e.message).toMatch(/^Sqrt \(forward\): the output \(shape \[2, 2\]\) has NaN at index 2, from finite inputs; input shapes \[2, 2\]/);
    expect(e.createdAt).toMatch(/anomaly\.test\.ts:\d+:\d+/);
    expect(e.message).toMatch(/op created at .*anomaly\.test\.ts:\d+/);
  });

  it('forward: exp overflow to Infinity and log(0) = -Infinity are anomalies', () => {
    expect(catchAnomaly(() => Tensor.from([1, 1000], f64).exp()).message).toMatch(/^Exp \(forward\).*Infinity at index 1/);
    expect(catchAnomaly(() => Tensor.from([0], f64).log()).message).toMatch(/^Log \(forward\).*-Infinity at index 0/);
  });

  it('forward: an input that is already non-finite is named as the cause', () => {
    const x = Tensor.from([1, NaN, 3]);
    const e = catchAnomaly(() => x.mul(Tensor.from([2])));
    expect(e.op).toBe('Mul');
    expect(e.message).toMatch(/NaN at index 1, input 0 already has NaN at index 1; input shapes \[3\], \[1\]/);
  });

  it('backward: names the rule whose gradient went non-finite, not the ops inside it', () => {
    // forward √0 = 0 is fine; d√x at 0 is Infinity, produced by Sqrt's rule
    const x = Tensor.from([0, 1], { ...f64, requiresGrad: true });
    const e = catchAnomaly(() => x.sqrt().sum().backward());
    expect(e.op).toBe('Sqrt');
    expect(e.phase).toBe('backward');
    expect(e.message).toMatch(/^Sqrt \(backward\): the gradient of input 0 \(shape \[2\]\) has Infinity at index 0, from a finite output gradient; input shapes \[2\]/);
    expect(e.createdAt).toMatch(/anomaly\.test\.ts:\d+/);
  });

  it('backward under grad(): the creation site is where the op was applied inside f', () => {
    const f = (v: Tensor): Tensor => v.abs().sqrt().sum();
    const e = catchAnomaly(() => grad(f)(Tensor.from([0, 2], f64)));
    expect(e.op).toBe('Sqrt');
    expect(e.createdAt).toMatch(/anomaly\.test\.ts:\d+/);
  });

  it('backward: a user op whose rule returns NaN is caught with its own name', () => {
    const Bad = defineOp<[Tensor]>({
      name: 'BadRule',
      forward: ([x]) => x.mul(2),
      backward: (g) => [g.mul(NaN)],
    });
    const x = Tensor.from([1, 2], { requiresGrad: true });
    const e = catchAnomaly(() => Bad([x]).sum().backward());
    expect(e.op).toBe('BadRule');
    expect(e.message).toMatch(/NaN at index 0/);
  });

  it('a finite computation passes through unchanged', () => {
    const x = Tensor.from([1, 2], { ...f64, requiresGrad: true });
    const out = detectAnomaly(() => {
      const y = x.mul(x).sum();
      y.backward();
      return y.item();
    });
    expect(Math.abs(out - 5)).toBeLessThan(1e-12);
    expect(Array.from(x.grad?.data ?? [])).toEqual([2, 4]); // exact small integers
  });
});
