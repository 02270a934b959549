// @jax-js/jax on its WebAssembly device, eagerly and under jit. Reference-counted: every use of a kept array takes `.ref`.
import { grad, init, jit, nn, numpy as np, valueAndGrad, defaultDevice } from '@jax-js/jax';
import { filled, labels, MLP, type Contender, type Variant } from './types.js';

type Arr = np.Array;
let ready: Promise<unknown> | null = null;

export function jax(mode: 'eager' | 'jit'): Contender {
  return {
    name: `jax-js ${mode}`,
    async activate() {
      // init() without arguments probes navigator.gpu, which Node 20 lacks: ask for wasm only
      ready ??= init('wasm').then(() => defaultDevice('wasm'));
      await ready;
    },
    matmul(n: number, v: Variant) {
      const a = np.array(filled(n * n, 1)).reshape([n, n]);
      const b = np.array(filled(n * n, 2)).reshape([n, n]);
      const ta = v === 'AtB' || v === 'AtBt';
      const tb = v === 'ABt' || v === 'AtBt';
      const f = (x: Arr, y: Arr): Arr => np.matmul(ta ? x.transpose() : x, tb ? y.transpose() : y);
      const g = mode === 'jit' ? jit(f) : f;
      return () => g(a.ref, b.ref).dataSync()[0] as number;
    },
    mlp() {
      const { batch, input, hidden, classes } = MLP;
      const x = np.array(filled(batch * input, 3)).reshape([batch, input]);
      const y = nn.oneHot(np.array(labels(batch), { dtype: np.int32 }), classes);
      const p = {
        w1: np.array(filled(input * hidden, 4)).reshape([input, hidden]),
        b1: np.zeros([hidden]),
        w2: np.array(filled(hidden * classes, 5)).reshape([hidden, classes]),
        b2: np.zeros([classes]),
      };
      type P = typeof p;
      const loss = (q: P, xs: Arr, ys: Arr): Arr => {
        const h = nn.relu(np.matmul(xs, q.w1).add(q.b1));
        const z = np.matmul(h, q.w2).add(q.b2);
        return nn.logSoftmax(z).mul(ys).sum().mul(-1 / batch);
      };
      const refs = (): P => ({ w1: p.w1.ref, b1: p.b1.ref, w2: p.w2.ref, b2: p.b2.ref });
      const fwd = mode === 'jit' ? jit(loss) : loss;
      const vg = mode === 'jit' ? jit(valueAndGrad(loss)) : valueAndGrad(loss);
      return {
        forward: () => fwd(refs(), x.ref, y.ref).dataSync()[0] as number,
        forwardBackward: () => {
          const [l, g] = vg(refs(), x.ref, y.ref) as [Arr, P];
          const out = (l.dataSync()[0] as number) + (g.w1.dataSync()[0] as number);
          g.b1.dispose(); g.w2.dispose(); g.b2.dispose();
          return out;
        },
      };
    },
    tape(ops: number) {
      if (mode === 'jit') return null; // tracing 10,000 scalar ops into one kernel measures the compiler, not a tape
      const f = grad((x: Arr) => {
        let y = x;
        for (let i = 0; i < ops; i++) y = i % 2 === 0 ? y.mul(1.0001) : y.add(0.001);
        return y;
      });
      return () => f(np.array(0.5)).dataSync()[0] as number;
    },
  };
}
