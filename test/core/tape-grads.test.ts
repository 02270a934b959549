// The backward pass keeps intermediate gradients on tape nodes: passes that nest or fail must not mix them up.
import { describe, expect, it } from 'vitest';
import { AutodiffError, Tensor, defineOp, grad } from '../../src/index.js';
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
