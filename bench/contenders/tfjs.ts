// TensorFlow.js 4.x with its pure-JS cpu backend or its WebAssembly (SIMD) backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { filled, labels, MLP, type Contender, type Variant } from './types.js';

export function tfjs(backend: 'cpu' | 'wasm'): Contender {
  return {
    name: `tfjs ${backend}`,
    async activate() {
      if (tf.getBackend() !== backend) {
        const ok = await tf.setBackend(backend);
        if (!ok) throw new Error(`tfjs: backend ${backend} failed to initialise`);
      }
    },
    matmul(n: number, v: Variant) {
      const a = tf.tensor2d(filled(n * n, 1), [n, n]);
      const b = tf.tensor2d(filled(n * n, 2), [n, n]);
      const ta = v === 'AtB' || v === 'AtBt';
      const tb = v === 'ABt' || v === 'AtBt';
      return () => {
        const c = tf.matMul(a, b, ta, tb);
        const d = c.dataSync()[0] as number;
        c.dispose();
        return d;
      };
    },
    mlp() {
      const { batch, input, hidden, classes } = MLP;
      const x = tf.tensor2d(filled(batch * input, 3), [batch, input]);
      const y = tf.oneHot(tf.tensor1d(labels(batch), 'int32'), classes);
      const w1 = tf.tensor2d(filled(input * hidden, 4), [input, hidden]);
      const b1 = tf.zeros([hidden]);
      const w2 = tf.tensor2d(filled(hidden * classes, 5), [hidden, classes]);
      const b2 = tf.zeros([classes]);
      const loss = (p1: tf.Tensor, q1: tf.Tensor, p2: tf.Tensor, q2: tf.Tensor): tf.Scalar =>
        tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, p1), q1)), p2), q2)) as tf.Scalar;
      const grads = tf.grads((p1, q1, p2, q2) => loss(p1 as tf.Tensor, q1 as tf.Tensor, p2 as tf.Tensor, q2 as tf.Tensor));
      return {
        forward: () => tf.tidy(() => loss(w1, b1, w2, b2)).dataSync()[0] as number,
        forwardBackward: () => {
          const g = tf.tidy(() => grads([w1, b1, w2, b2]));
          const out = g[0]?.dataSync()[0] as number;
          tf.dispose(g);
          return out;
        },
      };
    },
    tape(ops: number) {
      const f = tf.grad((x: tf.Tensor) => {
        let y = x;
        for (let i = 0; i < ops; i++) y = i % 2 === 0 ? tf.mul(y, 1.0001) : tf.add(y, 0.001);
        return y;
      });
      return () => {
        const g = tf.tidy(() => f(tf.scalar(0.5)));
        const d = g.dataSync()[0] as number;
        g.dispose();
        return d;
      };
    },
  };
}
