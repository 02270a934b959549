// retainGraph: a second backward through a freed graph is a clear error; with the graph retained it accumulates.
import { describe, expect, it } from 'vitest';
import { AutodiffError, Tensor } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const f64 = { dtype: 'float64', requiresGrad: true } as const;

describe('retainGraph', () => {
  it('backward twice without it is an AutodiffError that names the op and the fix', () => {
    const x = Tensor.from([1, 2], f64);
    const y = x.mul(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(AutodiffError);
    expect(() => y.backward()).toThrow(/^Sum: the graph behind this tensor was freed by an earlier backward\(\); pass \{ retainGraph: true \}/);
    expectClose(x.grad as Tensor, [2, 4]); // the failed calls changed nothing
  });

  it('with it, the second call accumulates into .grad (and a third, retained again, too)', () => {
    const x = Tensor.from([1, 2], f64);
    const w = Tensor.from([3, -1], f64);
    const y = x.mul(w).add(x.pow(2)).sum(); // dy/dx = w + 2x = [5, 3]; dy/dw = x
    y.backward(undefined, { retainGraph: true });
    expectClose(x.grad as Tensor, [5, 3]);
    y.backward(undefined, { retainGraph: true });
    expectClose(x.grad as Tensor, [10, 6]);
    expectClose(w.grad as Tensor, [2, 4]);
    y.backward();
    expectClose(x.grad as Tensor, [15, 9]);
    expect(() => y.backward()).toThrow(AutodiffError);
  });

  it('a shared subgraph: backward from a second output after the first freed it is an error, retained it works', () => {
    const x = Tensor.from([2], f64);
    const h = x.exp();
    h.mul(2).sum().backward();
    expect(() => h.mul(3).sum().backward()).toThrow(/Exp: the graph behind this tensor was freed/);

    const x2 = Tensor.from([2], f64);
    const h2 = x2.exp();
    h2.mul(2).sum().backward(undefined, { retainGraph: true });
    h2.mul(3).sum().backward();
    expectClose(x2.grad as Tensor, [5 * Math.exp(2)], { atol: 0, rtol: 1e-12 });
  });
});
