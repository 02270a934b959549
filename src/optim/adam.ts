import { allocate, dtypeOf, type TypedArray } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { checkNumber, Optimizer } from './optimizer.js';
import { readOptions } from '../_internal/options.js';

// The option names Adam accepts; any other key is a typo and an error.
const ADAM_KEYS = ['lr', 'betas', 'eps', 'weightDecay'] as const;

/**
 * Options of {@link Adam}.
 * @category optim
 */
export interface AdamOptions {
  /** The learning rate (default 1e-3). */
  readonly lr?: number;
  /** Decay rates (β₁, β₂) of the running mean of the gradient and of its square (default [0.9, 0.999]). */
  readonly betas?: readonly [number, number];
  /** Added to the denominator for stability (default 1e-8). */
  readonly eps?: number;
  /** L2 penalty λ added to the gradient as λ·p (default 0; this is Adam's L2, not AdamW's decoupled decay). */
  readonly weightDecay?: number;
}

/**
 * Adam (Kingma & Ba, 2015) with bias correction, following PyTorch's `torch.optim.Adam`: with `d = g + λ·p`,
 * `m ← β₁m + (1−β₁)d`, `v ← β₂v + (1−β₂)d²`, `m̂ = m/(1−β₁ᵗ)`, `v̂ = v/(1−β₂ᵗ)`, `p ← p − lr·m̂/(√v̂ + ε)`,
 * where t counts the steps this parameter has had a gradient.
 * @category optim
 * @example
 * ```ts
 * import { Adam, Tensor } from 'tinygrad-ts';
 * const w = Tensor.from([1, -2], { requiresGrad: true });
 * const opt = new Adam([w], { lr: 0.1 });
 * w.mul(w).sum().backward();
 * opt.step(); // the first step moves every coordinate by about lr, whatever the gradient's scale
 * console.log(w.toArray()); // ≈ [0.9, -1.9]
 * ```
 */
export class Adam extends Optimizer {
  /** β₁ and β₂. */
  readonly betas: readonly [number, number];
  /** ε. */
  readonly eps: number;
  /** L2 penalty λ. */
  readonly weightDecay: number;
  private readonly state: Array<{ m: TypedArray; v: TypedArray; t: number } | undefined> = [];

  /**
   * @param params - leaf tensors that require grad (e.g. `model.parameters()`).
   * @param options - `lr`, `betas`, `eps`, `weightDecay`.
   * @throws {@link InvalidArgumentError} for a bad parameter list or hyperparameter.
   */
  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, readOptions<AdamOptions>(options, ADAM_KEYS, 'Adam').lr ?? 1e-3, 'Adam');
    options = readOptions<AdamOptions>(options, ADAM_KEYS, 'Adam');
    const [b1, b2] = options.betas ?? [0.9, 0.999];
    this.betas = [checkNumber(b1, 'Adam', 'betas[0]', 0, 1), checkNumber(b2, 'Adam', 'betas[1]', 0, 1)];
    this.eps = checkNumber(options.eps ?? 1e-8, 'Adam', 'eps', 0, Infinity);
    this.weightDecay = checkNumber(options.weightDecay ?? 0, 'Adam', 'weightDecay', 0, Infinity);
  }

  protected update(p: TypedArray, g: TypedArray, index: number): void {
    const { lr, eps, weightDecay: wd } = this;
    const [b1, b2] = this.betas;
    const s = (this.state[index] ??= { m: allocate(dtypeOf(p), p.length), v: allocate(dtypeOf(p), p.length), t: 0 });
    s.t += 1;
    const c1 = 1 - b1 ** s.t; // bias corrections: m and v start at 0, so early averages are too small by these factors
    const c2 = 1 - b2 ** s.t;
    const { m, v } = s;
    for (let i = 0; i < p.length; i++) {
      const d = (g[i] as number) + wd * (p[i] as number);
      const mi = b1 * (m[i] as number) + (1 - b1) * d;
      const vi = b2 * (v[i] as number) + (1 - b2) * d * d;
      m[i] = mi;
      v[i] = vi;
      p[i] = (p[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
    }
  }
}
