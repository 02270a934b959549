// The seed's two-layer net y = softmax(sigmoid(x·W1 + b1)·W2 + b2) with cross-entropy:
// gradients by backprop, checked against central differences in float64.
import { Tensor, valueAndGrad, softmaxCrossEntropy } from '../src/index.js';

const [N, n, m, t] = [5, 20, 8, 4];
const opts = { dtype: 'float64' } as const;
const x = Tensor.randn([N, n], { ...opts, seed: 1 });
const labels = [0, 1, 2, 3, 1];
const params = {
  W1: Tensor.randn([n, m], { ...opts, seed: 2 }).mul(0.5),
  b1: Tensor.randn([m], { ...opts, seed: 3 }).mul(0.1),
  W2: Tensor.randn([m, t], { ...opts, seed: 4 }).mul(0.5),
  b2: Tensor.randn([t], { ...opts, seed: 5 }).mul(0.1),
};
type Params = typeof params;
const names = Object.keys(params) as (keyof Params)[];

const loss = (W1: Tensor, b1: Tensor, W2: Tensor, b2: Tensor): Tensor =>
  softmaxCrossEntropy(x.matmul(W1).add(b1).sigmoid().matmul(W2).add(b2), labels);

const [value, grads] = valueAndGrad(loss, { argnums: [0, 1, 2, 3] })(params.W1, params.b1, params.W2, params.b2);
console.log(`two-layer net ${n}-${m}-${t}, batch ${N}, float64: loss ${value.item().toFixed(6)}`);

// Central differences, the textbook's numerical_gradient: two loss evaluations per parameter.
const h = 1e-6;
names.forEach((name, k) => {
  const p = params[name];
  const analytic = grads[k] as Tensor;
  let worst = 0;
  let meanAbs = 0;
  for (let i = 0; i < p.size; i++) {
    const bumped = (delta: number): number => {
      const data = p.toTypedArray();
      data[i] = (data[i] as number) + delta;
      const args = names.map((q) => (q === name ? Tensor.from(data, { shape: p.shape }) : params[q]));
      return loss(...(args as [Tensor, Tensor, Tensor, Tensor])).item();
    };
    const numeric = (bumped(h) - bumped(-h)) / (2 * h);
    const diff = Math.abs(numeric - (analytic.data[i] as number));
    meanAbs += diff / p.size;
    worst = Math.max(worst, diff / Math.max(Math.abs(numeric), 1e-8));
  }
  console.log(`${name.padEnd(3)} shape [${p.shape.join(', ')}]: mean |backprop − numerical| = ${meanAbs.toExponential(2)}, worst relative ${worst.toExponential(2)}`);
});
