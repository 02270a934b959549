// The backward pass keeps intermediate gradients on tape nodes: passes that nest or fail must not mix them up.
import { describe, expect, it } from 'vitest';
import { AutodiffError, Tensor, defineOp, grad, noGrad } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const f64 = { dtype: 'float64' } as const;

describe('gradients held on tape nodes', () => {
  it('a backward pass run inside a rule does not take the outer pass’s pending gradient', () => {
    const x = Tensor.scalar(2, { ...f64, requiresGrad: true });
    const z = x.mul(3); // pending in the outer pass while Inner's rule runs an inner pass through it
    // Inner(x) = 1.5x², d/dx = 3x = z, computed by an inner grad over a function closing over z
    const Inner = defineOp<[Tensor]>({
      name: 'Inner',
      forward: ([v]) => v.mul(v).mul(1.5),
      backward: (g) => [g.mul(grad((t: Tensor) => t.mul(z).sum())(Tensor.scalar(1, f64)))],
    });
    const y = z.add(Inner([x])); // y = 3x + 1.5x², dy/dx = 3 + 3x = 9 at x = 2
    y.backward(undefined, { createGraph: true });
    expectClose(x.grad!, 9);
  });

  it('a pass that throws leaves no gradient on the nodes, and a retained graph differentiates cleanly afterwards', () => {
    let fail = true;
    const Flaky = defineOp<[Tensor]>({
      name: 'Flaky',
      forward: ([v]) => v.mul(1),
      backward: (g) => {
        if (fail) throw new AutodiffError('Flaky: first backward fails');
        return [g];
      },
    });
    const x = Tensor.scalar(2, { ...f64, requiresGrad: true });
    const a = x.mul(2);
    const y = Flaky([a]).add(a); // a already holds a gradient when Flaky's rule throws
    expect(() => y.backward(undefined, { retainGraph: true })).toThrow(/first backward fails/);
    expect(a._node!.grad).toBeNull();
    expect(a._node!.gradPass).toBeNull();
    fail = false;
    y.backward(undefined, { retainGraph: true });
    expectClose(x.grad!, 4); // d/dx (2x + 2x)
    expect(a._node!.grad).toBeNull();
  });

  it('a tensor used by several ops and reached again through retainGraph accumulates exactly once per pass', () => {
    const x = Tensor.scalar(3, { ...f64, requiresGrad: true });
    const h = x.mul(x);
    const y = h.add(h.mul(2)).add(h); // 4x², d/dx = 8x = 24
    y.backward(undefined, { retainGraph: true });
    expectClose(x.grad!, 24);
    y.backward();
    expectClose(x.grad!, 48);
  });
});

describe('grad leaves alone what its function only closes over', () => {
  it('a grad call (recording off) does not free the graph of a closed-over tensor', () => {
    const w = Tensor.from([0.5, -0.3], { ...f64, requiresGrad: true });
    const h = w.mul(2).add(1);
    const dx = noGrad(() => grad((x: Tensor) => x.mul(h).sum())(Tensor.from([1, 2], f64)));
    expectClose(dx, [2, 0.4]);
    h.sum().backward(); // used to throw: AddScalar's graph had been freed by the grad call
    expectClose(w.grad!, [2, 2]);
  });

  it('a backward rule that calls grad over an outer intermediate does not free it for the outer pass', () => {
    const x = Tensor.scalar(2, { ...f64, requiresGrad: true });
    const z = x.mul(3).add(1); // outer intermediate, still needed by the outer pass after Inner's rule runs
    const Inner = defineOp<[Tensor]>({
      name: 'Inner',
      forward: ([v]) => v.mul(v).mul(1.5),
      // d/dv 1.5v² = 3v, obtained as (z − 1) through an inner grad that closes over z
      backward: (g) => [g.mul(noGrad(() => grad((t: Tensor) => t.mul(z).sum())(Tensor.scalar(1, f64))).sub(1))],
    });
    const y = Inner([x]).add(z.mul(z)); // dy/dx = 3x + 2·z·3 = 6 + 42 = 48 at x = 2 (z = 7)
    y.backward(); // no createGraph: the inner grad used to free z's nodes before the outer pass reached them
    expectClose(x.grad!, 48);
  });

  it('a function whose value does not depend on the argument gets a zero gradient and leaves the graph alone', () => {
    const w = Tensor.from([1, 2], { ...f64, requiresGrad: true });
    const s = w.mul(w).sum();
    const dx = noGrad(() => grad((_x: Tensor) => s)(Tensor.from([3], f64)));
    expectClose(dx, [0]);
    s.backward();
    expectClose(w.grad!, [2, 4]);
  });
});

describe('defineOp outputs', () => {
  it('a forward that returns a tensor it keeps (a cached constant) does not turn that tensor into a recorded one', () => {
    const ONE = Tensor.scalar(1, f64);
    const Constant = defineOp<[Tensor]>({
      name: 'Constant',
      forward: () => ONE,
      backward: () => [null],
    });
    const x = Tensor.scalar(3, { ...f64, requiresGrad: true });
    const y = Constant([x]);
    expect(y).not.toBe(ONE);
    expect(y.requiresGrad).toBe(true);
    expect(ONE.requiresGrad).toBe(false);
    expect(ONE._node).toBeNull();
  });
});
