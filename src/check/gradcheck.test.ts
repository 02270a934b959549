import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AutodiffError, GradcheckError, InvalidArgumentError, Tensor, defineOp, gradcheck, gradgradcheck, manualSeed,
} from '../index.js';
import { _resetFloat32Warning } from './gradcheck.js';

const f64 = (shape: number[], seed: number) => Tensor.randn(shape, { dtype: 'float64', seed });

// σ with a backward missing the (1 − σ) factor: the classic planted bug.
const BadSigmoid = defineOp<[Tensor]>({
  name: 'BadSigmoid',
  forward: ([x]) => x.sigmoid(),
  backward: (g, { output }) => [g.mul(output)],
});

// A rule that mutates what it saved: the second backward differs from the first.
const Drifting = defineOp<[Tensor], undefined, { calls: number }>({
  name: 'Drifting',
  forward: ([x], _a, ctx) => {
    ctx.save({ calls: 0 });
    return x.mul(2);
  },
  backward: (g, { saved }) => {
    saved!.calls += 1;
    return [g.mul(2 + 0.5 * saved!.calls)];
  },
});

// Correct for a non-zero output gradient, but adds a constant: the zero-gradient check catches it.
const Offset = defineOp<[Tensor]>({
  name: 'Offset',
  forward: ([x]) => x.mul(3),
  backward: (g) => [g.mul(3).add(allZero(g) ? 1 : 0)],
});
function allZero(g: Tensor): boolean {
  return g.data.every((v) => v === 0);
}

afterEach(() => vi.restoreAllMocks());

describe('gradcheck', () => {
  it('passes correct gradients of a broadcasting composite, in full and fast mode', () => {
    const x = f64([3, 4], 1);
    const b = f64([4], 2);
    const f = (a: Tensor, c: Tensor) => a.add(c).tanh().mul(a).sum(1);
    expect(gradcheck(f, [x, b]).passed).toBe(true);
    const fast = gradcheck(f, [x, b], { fastMode: true, seed: 7 });
    expect(fast.passed).toBe(true);
    expect(fast.mode).toBe('fast');
  });

  it('names the worst element of a planted bug with its values and tolerance', () => {
    const x = Tensor.from([[-1, 0.5], [2, -3]], { dtype: 'float64' });
    let err: unknown;
    try {
      gradcheck((t) => BadSigmoid([t]).sum(), [x]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GradcheckError);
    const failure = (err as GradcheckError).report.failures[0]!;
    expect(failure.kind).toBe('jacobian');
    expect(failure.mismatches).toBe(4);
    // error = σ − σ(1 − σ) = σ²: largest relative to the tolerance where σ is largest, x = 2
    expect(failure.worst!.inputIndex).toEqual([1, 0]);
    const s = 1 / (1 + Math.exp(-2));
    expect(Math.abs(failure.worst!.numerical - s * (1 - s))).toBeLessThan(1e-8);
    expect(Math.abs(failure.worst!.analytical - s)).toBeLessThan(1e-12);
    expect(failure.opPath).toBe('input 0 → BadSigmoid → Sum → output');
    const msg = (err as Error).message;
    expect(msg).toMatch(/worst: +d output\[\] \/ d input0\[1, 0\]/);
    expect(msg).toMatch(/mismatches: 4 of 4/);
    expect(msg).toMatch(/tolerance/);
  });

  it('returns the failing report without throwing when raiseOnFailure is false', () => {
    const report = gradcheck((t) => BadSigmoid([t]), [f64([3], 3)], { raiseOnFailure: false });
    expect(report.passed).toBe(false);
    expect(report.failures[0]!.total).toBe(9);
  });

  it('fast mode catches the bug and locates the worst element', () => {
    const report = gradcheck((t) => BadSigmoid([t]), [f64([2, 2], 4)], { fastMode: true, raiseOnFailure: false });
    expect(report.failures[0]!.kind).toBe('fast-mode');
    expect(report.failures[0]!.worst!.inputIndex).toHaveLength(2);
  });

  it('fast mode uses its own seeded generator and leaves the global one alone', () => {
    manualSeed(5);
    const expected = Tensor.rand([3]).toArray();
    manualSeed(5);
    gradcheck((t) => t.exp().sum(), [f64([4], 5)], { fastMode: true, seed: 123 });
    expect(Tensor.rand([3]).toArray()).toEqual(expected);
  });

  it('catches a backward that differs when run twice', () => {
    const report = gradcheck((t) => Drifting([t]).sum(), [f64([2], 6)], { raiseOnFailure: false });
    expect(report.failures.map((f) => f.kind)).toContain('reentrant');
    const again = report.failures.find((f) => f.kind === 'reentrant')!;
    expect(again.worst!.analytical - again.worst!.numerical).toBeGreaterThan(0.4); // the second call's factor is 0.5 larger
  });

  it('catches a non-zero gradient for a zero output gradient', () => {
    const report = gradcheck((t) => Offset([t]), [f64([2], 7)], { raiseOnFailure: false });
    expect(report.failures.map((f) => f.kind)).toEqual(['zero-grad']);
    expect(() => gradcheck((t) => Offset([t]), [f64([2], 7)])).toThrow(/gradient of input0\[\d\][\s\S]*expected +0[\s\S]*got +1/);
  });

  it('checks only argnums, treating the others as constants', () => {
    const x = f64([2], 8);
    const report = gradcheck((a, b) => BadSigmoid([b]).mul(a).sum(), [x, f64([2], 9)], { argnums: [0] });
    expect(report.passed).toBe(true);
    expect(() => gradcheck((a) => a.sum(), [x], { argnums: [1] })).toThrow(InvalidArgumentError);
  });

  it('warns once about float32 inputs, and not when eps and atol are chosen', () => {
    _resetFloat32Warning();
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const x = Tensor.from([0.5, 1.5]);
    gradcheck((t) => t.mul(t).sum(), [x], { eps: 1e-3, atol: 1e-2, rtol: 1e-2 });
    expect(spy).not.toHaveBeenCalled();
    gradcheck((t) => t.mul(t).sum(), [x], { raiseOnFailure: false });
    gradcheck((t) => t.mul(t).sum(), [x], { raiseOnFailure: false });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0]![0])).toMatch(/an input is float32.*float64/);
    _resetFloat32Warning();
    gradcheck((t) => t.cast('float32').sum(), [f64([2], 15)], { raiseOnFailure: false });
    expect(String(spy.mock.calls[1]![0])).toMatch(/the output is float32/);
  });

  it('abbreviates a long op path', () => {
    const deep = (t: Tensor) => {
      let y = BadSigmoid([t]);
      for (let i = 0; i < 10; i++) y = y.tanh();
      return y.sum();
    };
    const report = gradcheck(deep, [f64([2], 14)], { raiseOnFailure: false });
    expect(report.failures[0]!.opPath).toBe('input 0 → BadSigmoid → Tanh → Tanh → … 6 more … → Tanh → Tanh → Sum → output');
  });

  it('rejects bad options and a non-tensor result', () => {
    const x = f64([2], 10);
    expect(() => gradcheck((t) => t.sum(), [x], { atol: -1 })).toThrow(/atol/);
    expect(() => gradcheck((t) => t.sum(), [x], { eps: Number.NaN })).toThrow(/eps/);
    expect(() => gradcheck((() => 3) as never, [x])).toThrow(InvalidArgumentError);
  });

  it('reports a rule gradient of the wrong shape as a shape failure', () => {
    const WrongShape = defineOp<[Tensor]>({ name: 'WrongShape', forward: ([x]) => x.mul(1), backward: (g) => [g.sum()] });
    const report = gradcheck((t) => WrongShape([t]).sum(), [f64([2, 2], 11)], { raiseOnFailure: false });
    expect(report.failures[0]!.kind).toBe('shape');
    expect(report.failures[0]!.summary).toMatch(/WrongShape.*\[2, 2\]/);
    // other engine errors are not gradient mismatches: they propagate
    const Arity = defineOp<[Tensor]>({ name: 'Arity', forward: ([x]) => x.mul(1), backward: () => [] as never });
    expect(() => gradcheck((t) => Arity([t]).sum(), [f64([2], 12)])).toThrow(AutodiffError);
  });
});

describe('gradgradcheck', () => {
  it('passes smooth composites and catches a rule whose own backward is wrong', () => {
    const x = f64([2, 3], 13);
    expect(gradgradcheck((t) => t.sigmoid().mul(t).sum(), [x]).passed).toBe(true);
    // first derivative right, second wrong: the rule's output gradient uses a detached constant
    const Cube = defineOp<[Tensor]>({
      name: 'Cube',
      forward: ([t]) => t.mul(t).mul(t),
      backward: (g, { inputs: [t] }) => [g.mul(t.detach().mul(t.detach()).mul(3))],
    });
    expect(gradcheck((t) => Cube([t]).sum(), [x]).passed).toBe(true);
    let err: unknown;
    try {
      gradgradcheck((t) => Cube([t]).sum(), [x]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GradcheckError);
    expect((err as GradcheckError).report.context).toMatch(/gradient of input 0/);
    expect((err as GradcheckError).report.failures[0]!.input).toBe(0);
  });
});
