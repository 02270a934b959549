// The seed's net, generalised to l sigmoid hidden layers of width m: n → m (→ m)^(l−1) → t, softmax cross-entropy.
import { Tensor, softmaxCrossEntropy } from '../../src/index.js';

/** One network configuration: input n, hidden width m, classes t, hidden layers l, batch size. */
export interface NetConfig {
  readonly n: number;
  readonly m: number;
  readonly t: number;
  readonly l: number;
  readonly batch: number;
}

/** The layer widths [n, m, …, m, t] (l hidden layers). */
export function widths(c: NetConfig): number[] {
  return [c.n, ...Array.from({ length: c.l }, () => c.m), c.t];
}

/** P: every weight and bias, = (n+1)m + (l−1)(m+1)m + (m+1)t. */
export function paramCount(c: NetConfig): number {
  const w = widths(c);
  let p = 0;
  for (let k = 0; k + 1 < w.length; k++) p += ((w[k] as number) + 1) * (w[k + 1] as number);
  return p;
}

/** Multiply-adds of one forward pass per example, = nm + (l−1)m² + mt: the Θ(nm+mt) of the seed's analysis. */
export function forwardFma(c: NetConfig): number {
  const w = widths(c);
  let f = 0;
  for (let k = 0; k + 1 < w.length; k++) f += (w[k] as number) * (w[k + 1] as number);
  return f;
}

/** The seed note's bound for the numerical gradient, (n+m)(m+t)(nm+mt) per example (stated for l = 1 only). */
export function seedBound(c: NetConfig): number {
  return (c.n + c.m) * (c.m + c.t) * (c.n * c.m + c.m * c.t);
}

/** A deterministic float64 instance: inputs, labels, parameters [W1, b1, …, Wout, bout] and the loss of the parameters. */
export interface NetInstance {
  readonly params: Tensor[];
  readonly loss: (...params: Tensor[]) => Tensor;
}

/** Builds the net for a configuration with fixed seeds (same inputs for both gradient methods). */
export function buildNet(c: NetConfig, seed = 1): NetInstance {
  const opts = { dtype: 'float64' } as const;
  const x = Tensor.randn([c.batch, c.n], { ...opts, seed });
  const labels = Array.from({ length: c.batch }, (_, i) => (i * 7 + 3) % c.t);
  const w = widths(c);
  const params: Tensor[] = [];
  for (let k = 0; k + 1 < w.length; k++) {
    const [fanIn, fanOut] = [w[k] as number, w[k + 1] as number];
    // Xavier-like scale keeps the sigmoids out of saturation, so no gradient is vanishingly small
    params.push(Tensor.randn([fanIn, fanOut], { ...opts, seed: seed + 10 * k + 1 }).mul(1 / Math.sqrt(fanIn)));
    params.push(Tensor.randn([fanOut], { ...opts, seed: seed + 10 * k + 2 }).mul(0.1));
  }
  const loss = (...ps: Tensor[]): Tensor => {
    let h = x;
    for (let k = 0; k < ps.length; k += 2) {
      const z = h.matmul(ps[k] as Tensor).add(ps[k + 1] as Tensor);
      h = k + 2 < ps.length ? z.sigmoid() : z;
    }
    return softmaxCrossEntropy(h, labels);
  };
  return { params, loss };
}
