// tinygrad-ts itself, through its public API (the source tree, so a run measures the working copy).
import * as tg from '../../src/index.js';
import { useThreads } from '../../src/kernels/wasm/threads.js';
import { filled, labels, MLP, type Contender, type Variant } from './types.js';

type BackendName = 'ts' | 'wasm';
type WithBackends = { setBackend?: (b: BackendName | 'auto') => void };

/** `threads`: use the helper threads started by `enableThreads` (the caller starts them once). */
export function tinygrad(backend?: BackendName, threads = false): Contender {
  const api = tg as unknown as WithBackends;
  return {
    name: backend ? `tinygrad-ts ${backend}${threads ? '×2' : ''}` : 'tinygrad-ts',
    async activate() {
      // 'wasm' is the automatic choice, as users get it: WebAssembly SIMD wherever the work pays for the copies
      // (forcing it would also send one-element ops through WebAssembly, a testing knob)
      if (backend && api.setBackend) api.setBackend(backend === 'wasm' ? 'auto' : backend);
      if (backend === 'wasm' && tg.getBackend() !== 'wasm') throw new Error('WebAssembly SIMD is unavailable here');
      useThreads(threads);
    },
    matmul(n: number, v: Variant) {
      const a = tg.Tensor.from(filled(n * n, 1), { shape: [n, n] });
      const b = tg.Tensor.from(filled(n * n, 2), { shape: [n, n] });
      const ta = v === 'AtB' || v === 'AtBt';
      const tb = v === 'ABt' || v === 'AtBt';
      return () => {
        const c = tg.matmul(ta ? a.transpose() : a, tb ? b.transpose() : b);
        return c.data[0] as number;
      };
    },
    mlp() {
      const { batch, input, hidden, classes } = MLP;
      const x = tg.Tensor.from(filled(batch * input, 3), { shape: [batch, input] });
      const y = Array.from(labels(batch));
      const w1 = tg.Tensor.from(filled(input * hidden, 4), { shape: [input, hidden] });
      const b1 = tg.Tensor.zeros([hidden]);
      const w2 = tg.Tensor.from(filled(hidden * classes, 5), { shape: [hidden, classes] });
      const b2 = tg.Tensor.zeros([classes]);
      const loss = (p1: tg.Tensor, q1: tg.Tensor, p2: tg.Tensor, q2: tg.Tensor): tg.Tensor =>
        x.matmul(p1).add(q1).relu().matmul(p2).add(q2).softmaxCrossEntropy(y);
      const vg = tg.valueAndGrad(loss, { argnums: [0, 1, 2, 3] });
      return {
        forward: () => loss(w1, b1, w2, b2).item(),
        forwardBackward: () => {
          const [l, g] = vg(w1, b1, w2, b2);
          return l.item() + (g[0]?.data[0] as number);
        },
      };
    },
    tape(ops: number) {
      return () => {
        const x = tg.Tensor.scalar(0.5, { requiresGrad: true });
        let y = x;
        for (let i = 0; i < ops; i++) y = i % 2 === 0 ? y.mul(1.0001) : y.add(0.001);
        y.backward();
        return x.grad?.item() ?? NaN;
      };
    },
  };
}
