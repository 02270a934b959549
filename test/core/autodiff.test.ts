import { describe, expect, it } from 'vitest';
import {
  AutodiffError, InvalidArgumentError, Tensor, defineOp, grad, noGrad, numericalGrad, softmaxCrossEntropy, valueAndGrad,
} from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const f64 = { dtype: 'float64' } as const;
const scalar = (v: number): Tensor => Tensor.scalar(v, f64);

describe('functional grad / valueAndGrad', () => {
  it('returns the gradient for argnums 0 by default, a list for a list', () => {
    const f = (x: Tensor, y: Tensor) => x.mul(y).add(x.pow(2)).sum();
    const x = Tensor.from([1, 2], f64);
    const y = Tensor.from([3, 4], f64);
    expectClose(grad(f)(x, y), [5, 8]);
    const [dx, dy] = grad(f, { argnums: [0, 1] })(x, y);
    expectClose(dx, [5, 8]);
    expectClose(dy, [1, 2]);
    expectClose(grad(f, { argnums: 1 })(x, y), [1, 2]);
    const [value, g] = valueAndGrad(f)(x, y);
    expectClose(value, 3 + 8 + 1 + 4);
    expect(value.requiresGrad).toBe(false);
    expectClose(g, [5, 8]);
  });

  it('passes non-tensor arguments through and gives zeros for unused inputs', () => {
    const f = (x: Tensor, k: number, unused: Tensor) => x.mul(k).sum();
    const [dx, du] = grad(f, { argnums: [0, 2] })(Tensor.from([1, 1], f64), 3, Tensor.ones([2, 2], f64));
    expectClose(dx, [3, 3]);
    expectClose(du, [[0, 0], [0, 0]]);
  });

  it('leaves the arguments untouched (no .grad, no requiresGrad)', () => {
    const x = Tensor.from([1, 2], f64);
    grad((y: Tensor) => y.sum())(x);
    expect(x.grad).toBeNull();
    expect(x.requiresGrad).toBe(false);
  });

  it('rejects non-scalar outputs and non-tensor argnums', () => {
    expect(() => grad((x: Tensor) => x.mul(2))(Tensor.ones([3]))).toThrow(AutodiffError);
    expect(() => grad((x: Tensor) => x.mul(2))(Tensor.ones([3]))).toThrow('grad: f must return a one-element tensor, got a tensor of shape [3]');
    expect(() => grad((x: number) => Tensor.scalar(x))(2)).toThrow(InvalidArgumentError);
    expect(() => grad((x: Tensor) => x.sum(), { argnums: 3 })(Tensor.ones([1]))).toThrow(/argnums 3 is out of range/);
    expect(() => grad((() => 5) as unknown as (x: Tensor) => Tensor)(Tensor.ones([1]))).toThrow(/f must return a one-element tensor, got 5/);
  });
});

describe('higher-order gradients', () => {
  const d = (f: (x: Tensor) => Tensor) => (x: Tensor): Tensor => grad((y: Tensor) => f(y).sum())(x);
  const cases: Array<[string, (x: Tensor) => Tensor, (v: number) => number, number]> = [
    ['x³', (x) => x.pow(3), (v) => 6 * v, 1.5],
    ['sigmoid', (x) => x.sigmoid(), (v) => { const s = 1 / (1 + Math.exp(-v)); return s * (1 - s) * (1 - 2 * s); }, 0.7],
    ['tanh', (x) => x.tanh(), (v) => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2), 0.4],
    ['exp', (x) => x.exp(), Math.exp, 0.3],
    ['log', (x) => x.log(), (v) => -1 / (v * v), 2.5],
    ['sqrt', (x) => x.sqrt(), (v) => -0.25 * v ** -1.5, 1.7],
    ['x/(1+x²)', (x) => x.div(x.mul(x).add(1)), (v) => (2 * v * (v * v - 3)) / (1 + v * v) ** 3, 0.8],
  ];
  it.each(cases)('second derivative of %s', (_, f, d2, at) => {
    expectClose(d(d(f))(scalar(at)), d2(at), { atol: 1e-12, rtol: 1e-10 });
  });

  it('third derivative of x⁴ is 24x', () => {
    const f = (x: Tensor) => x.pow(4);
    expectClose(d(d(d(f)))(scalar(2)), 48, { atol: 1e-10 });
  });

  it('mixed partials through closures: ∂²(x²y³)/∂x∂y = 6xy²', () => {
    const x0 = scalar(2);
    const y0 = scalar(3);
    const dxdy = grad((y: Tensor) => grad((x: Tensor) => x.pow(2).mul(y.pow(3)).sum())(x0).sum())(y0);
    expectClose(dxdy, 6 * 2 * 9, { atol: 1e-10 });
  });

  it('Hessian-vector product of softmax cross-entropy matches differences of gradients', () => {
    const z = Tensor.randn([2, 4], { ...f64, seed: 3 });
    const v = Tensor.randn([2, 4], { ...f64, seed: 4 });
    const loss = (l: Tensor) => softmaxCrossEntropy(l, [1, 3]);
    const hvp = grad((l: Tensor) => grad(loss)(l).mul(v).sum())(z);
    const h = 1e-5;
    const plus = grad(loss)(z.add(v.mul(h)));
    const minus = grad(loss)(z.sub(v.mul(h)));
    expectClose(hvp, plus.sub(minus).div(2 * h), { atol: 1e-8 });
  });

  it('a gradient through a closed-over weight stays on the outer tape (gradient penalty)', () => {
    // regression: grad only recorded its backward pass when an argument required grad, so w.grad missed ∂g/∂w
    const w = Tensor.from([2], { ...f64, requiresGrad: true });
    const g = grad((x: Tensor) => x.mul(x).mul(w).sum())(Tensor.from([3], f64)); // 2wx
    expect(g.requiresGrad).toBe(true);
    g.sum().add(w.sum()).backward();
    expectClose(w.grad!, [2 * 3 + 1]); // d/dw (2wx + w) = 2x + 1
  });

  it('leaves an outer graph that f closes over usable by a later backward()', () => {
    // regression: grad released the nodes of h = 2w while differentiating through it, so h.backward() threw
    const w = Tensor.from([2], { ...f64, requiresGrad: true });
    const h = w.mul(2);
    expectClose(grad((x: Tensor) => x.mul(h).sum())(Tensor.from([3], f64)), [4]);
    h.sum().backward();
    expectClose(w.grad!, [2]);
  });

  it('createGraph on backward() lets the .grad be differentiated again', () => {
    const x = Tensor.from([1.5], { ...f64, requiresGrad: true });
    x.pow(3).sum().backward(undefined, { createGraph: true });
    const g = x.grad!;
    expect(g.requiresGrad).toBe(true);
    x.grad = null;
    g.sum().backward();
    expectClose(x.grad!, [9]); // d/dx 3x² = 6x
  });
});

describe('imperative backward()', () => {
  it('fills .grad of leaves and accumulates across calls until reset', () => {
    const w = Tensor.from([1, 2], { ...f64, requiresGrad: true });
    const f = () => w.mul(w).sum();
    f().backward();
    expectClose(w.grad!, [2, 4]);
    f().backward();
    expectClose(w.grad!, [4, 8]);
    w.grad = null;
    f().backward();
    expectClose(w.grad!, [2, 4]);
    expect(w.grad!.requiresGrad).toBe(false);
  });

  it('accepts an output gradient for non-scalar outputs, and rejects its absence', () => {
    const x = Tensor.from([1, 2, 3], { ...f64, requiresGrad: true });
    const y = x.mul(2);
    expect(() => y.backward()).toThrow('backward: the tensor has shape [3]; backward() without an output gradient needs a one-element tensor');
    y.backward(Tensor.from([1, 0, -1], f64));
    expectClose(x.grad!, [2, 0, -2]);
    expect(() => x.mul(2).backward(Tensor.ones([2], f64))).toThrow(/gradOutput has shape \[2\] but the tensor has shape \[3\]/);
  });

  it('refuses tensors that do not require grad', () => {
    expect(() => Tensor.ones([1]).backward()).toThrow(/does not require grad/);
    const w = Tensor.ones([1], { requiresGrad: true });
    expect(() => noGrad(() => w.mul(2)).backward()).toThrow(AutodiffError);
  });

  it('frees the graph: a second backward() needs retainGraph, which accumulates', () => {
    const x = Tensor.from([2], { ...f64, requiresGrad: true });
    const y = x.pow(2).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/freed by an earlier backward\(\).*retainGraph/);
    x.grad = null;
    const z = x.pow(2).sum();
    z.backward(undefined, { retainGraph: true });
    z.backward();
    expectClose(x.grad!, [8]);
  });

  it('detach() and noGrad() cut the tape', () => {
    const x = Tensor.from([3], { ...f64, requiresGrad: true });
    const y = x.mul(x.detach()).sum(); // only the first factor is differentiated
    y.backward();
    expectClose(x.grad!, [3]);
    const z = noGrad(() => x.mul(2));
    expect(z.requiresGrad).toBe(false);
    expect(x.mul(2).requiresGrad).toBe(true);
  });

  it('differentiates a chain of 100,000 ops without overflowing the stack', () => {
    const x = Tensor.from([1], { ...f64, requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(1.000001);
    y.sum().backward();
    expectClose(x.grad!, [1.000001 ** 100_000], { rtol: 1e-9 });
  });
});

describe('defineOp', () => {
  // softplus(x) = log(1 + eˣ); d/dx = σ(x)
  const Softplus = defineOp<[Tensor]>({
    name: 'Softplus',
    forward: ([x]) => x.exp().add(1).log(),
    backward: (g, { inputs: [x] }) => [g.mul(x.sigmoid())],
  });

  it('adds an op that works with grad, backward and higher order', () => {
    const x = Tensor.from([-1, 0, 2], f64);
    expectClose(Softplus([x]), [-1, 0, 2].map((v) => Math.log1p(Math.exp(v))));
    expectClose(grad((y: Tensor) => Softplus([y]).sum())(x), [-1, 0, 2].map((v) => 1 / (1 + Math.exp(-v))));
    const d2 = grad((y: Tensor) => grad((z: Tensor) => Softplus([z]).sum())(y).sum())(x);
    expectClose(d2, [-1, 0, 2].map((v) => { const s = 1 / (1 + Math.exp(-v)); return s * (1 - s); }));
  });

  it('saves values from forward for backward, and passes attributes', () => {
    const Scale = defineOp<[Tensor], { k: number }, number>({
      name: 'Scale',
      forward: ([x], { k }, ctx) => { ctx.save(k * 2); return x.mul(k); },
      backward: (g, { attrs: { k }, saved }) => [g.mul(k).mul(saved === 2 * k ? 1 : Number.NaN)],
    });
    expectClose(grad((x: Tensor) => Scale([x], { k: 3 }).sum())(Tensor.ones([2], f64)), [3, 3]);
  });

  it('gives unrecorded results no history, even when forward hands back its input', () => {
    const Same = defineOp<[Tensor]>({ name: 'Same', forward: ([x]) => x, backward: (g) => [g] });
    const w = Tensor.ones([2], { requiresGrad: true });
    const y = noGrad(() => Same([w]));
    expect(y.requiresGrad).toBe(false);
    expect(y).not.toBe(w);
    expect(Same([w]).requiresGrad).toBe(true);
  });

  it('names the op when a rule returns the wrong shape or count', () => {
    const BadShape = defineOp<[Tensor]>({ name: 'BadShape', forward: ([x]) => x.mul(1), backward: (g) => [g.sum()] });
    const BadCount = defineOp<[Tensor]>({ name: 'BadCount', forward: ([x]) => x.mul(1), backward: () => [] as never });
    const BadValue = defineOp<[Tensor]>({ name: 'BadValue', forward: ([x]) => x.mul(1), backward: () => [5 as never] });
    const x = Tensor.ones([2, 3], f64);
    expect(() => grad((y: Tensor) => BadShape([y]).sum())(x)).toThrow('BadShape: backward gave input 0 a gradient of shape [], but the input has shape [2, 3]');
    expect(() => grad((y: Tensor) => BadCount([y]).sum())(x)).toThrow('BadCount: backward returned [];');
    expect(() => grad((y: Tensor) => BadValue([y]).sum())(x)).toThrow('BadValue: backward returned 5 for input 0');
    expect(() => defineOp({} as never)).toThrow(InvalidArgumentError);
    expect(() => (BadShape as unknown as (i: unknown[]) => Tensor)([[1, 2]])).toThrow('BadShape: input 0 is [1, 2], expected a Tensor');
  });
});

describe('the seed two-layer net', () => {
  it('backprop gradients of every parameter match central differences in float64 to 1e-7 relative', () => {
    const [N, n, m, t] = [6, 12, 7, 5];
    const x = Tensor.randn([N, n], { ...f64, seed: 11 });
    const labels = [0, 1, 2, 3, 4, 1];
    const params = [
      Tensor.randn([n, m], { ...f64, seed: 12 }).mul(0.5),
      Tensor.randn([m], { ...f64, seed: 13 }).mul(0.1),
      Tensor.randn([m, t], { ...f64, seed: 14 }).mul(0.5),
      Tensor.randn([t], { ...f64, seed: 15 }).mul(0.1),
    ] as const;
    const loss = (W1: Tensor, b1: Tensor, W2: Tensor, b2: Tensor) =>
      softmaxCrossEntropy(x.matmul(W1).add(b1).sigmoid().matmul(W2).add(b2), labels);
    const grads = grad(loss, { argnums: [0, 1, 2, 3] })(...params);
    const numerics = numericalGrad(loss, params);
    params.forEach((p, k) => {
      const numeric = numerics[k]!;
      const analytic = grads[k]!;
      expect(analytic.shape).toEqual(p.shape);
      // relative to the gradient's scale: |a − n| ≤ 1e-7 · max|n|
      const scale = Math.max(...Array.from(numeric.data, Math.abs));
      expectClose(analytic, numeric, { atol: 1e-7 * scale, rtol: 0 });
    });
  });
});

describe('memory', () => {
  it('a dropped forward pass and a finished backward pass leave nothing reachable', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const w = Tensor.randn([50, 50], { requiresGrad: true, seed: 1 });
    const refs: WeakRef<object>[] = [];
    (() => {
      const h = w.matmul(w).sigmoid();
      refs.push(new WeakRef(h), new WeakRef(h._node!));
      const loss = w.matmul(w).tanh().sum();
      refs.push(new WeakRef(loss._node!));
      loss.backward();
      refs.push(new WeakRef(w.grad!));
    })();
    w.grad = null;
    for (let i = 0; i < 5 && refs.some((r) => r.deref() !== undefined); i++) {
      await new Promise((r) => setTimeout(r, 0));
      gc();
    }
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true, true]);
  });
});
