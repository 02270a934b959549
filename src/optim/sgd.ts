import { allocate, dtypeOf, type TypedArray } from '../dtype.js';
import { InvalidArgumentError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { checkNumber, Optimizer } from './optimizer.js';
import { readOptions } from '../_internal/options.js';

// The option names SGD accepts; any other key is a typo and an error.
const SGD_KEYS = ['lr', 'momentum', 'weightDecay', 'nesterov'] as const;

/**
 * Options of {@link SGD}.
 * @category optim
 */
export interface SGDOptions {
  /** The learning rate (required). */
  readonly lr: number;
  /** Momentum factor μ in [0, 1) (default 0: plain gradient descent). */
  readonly momentum?: number;
  /** L2 penalty λ added to the gradient as λ·p (default 0). */
  readonly weightDecay?: number;
  /** Use Nesterov momentum (default false; needs momentum > 0). */
  readonly nesterov?: boolean;
}

/**
 * Stochastic gradient descent, with optional momentum and weight decay, following PyTorch's `torch.optim.SGD`
 * (dampening 0): `d = g + λ·p`; with momentum `v ← μ·v + d` and `d = v` (Nesterov: `d = d + μ·v`); then `p ← p − lr·d`.
 * @category optim
 * @example
 * ```ts
 * import { SGD, Tensor } from 'tinygrad-ts';
 * const w = Tensor.from([1, -2], { requiresGrad: true });
 * const opt = new SGD([w], { lr: 0.1 });
 * for (let i = 0; i < 100; i++) {
 *   opt.zeroGrad();
 *   w.mul(w).sum().backward(); // minimise |w|²
 *   opt.step();
 * }
 * console.log(w.toArray()); // ≈ [2e-10, -4e-10]
 * ```
 */
export class SGD extends Optimizer {
  /** Momentum factor μ. */
  readonly momentum: number;
  /** L2 penalty λ. */
  readonly weightDecay: number;
  /** Whether the update uses Nesterov momentum. */
  readonly nesterov: boolean;
  private readonly velocity: Array<TypedArray | undefined> = [];

  /**
   * @param params - leaf tensors that require grad (e.g. `model.parameters()`).
   * @param options - `lr` (required), `momentum`, `weightDecay`, `nesterov`.
   * @throws {@link InvalidArgumentError} for a bad parameter list or hyperparameter.
   */
  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super(params, readOptions<SGDOptions>(options, SGD_KEYS, 'SGD').lr as number, 'SGD');
    options = readOptions<SGDOptions>(options, SGD_KEYS, 'SGD') as SGDOptions;
    this.momentum = checkNumber(options.momentum ?? 0, 'SGD', 'momentum', 0, 1);
    this.weightDecay = checkNumber(options.weightDecay ?? 0, 'SGD', 'weightDecay', 0, Infinity);
    this.nesterov = options.nesterov === true;
    if (this.nesterov && this.momentum === 0) throw new InvalidArgumentError('SGD: nesterov needs a momentum > 0');
  }

  protected update(p: TypedArray, g: TypedArray, index: number): void {
    const { lr, momentum: mu, weightDecay: wd, nesterov } = this;
    if (mu === 0) {
      for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) - lr * ((g[i] as number) + wd * (p[i] as number));
      return;
    }
    const v = (this.velocity[index] ??= allocate(dtypeOf(p), p.length)); // zero start: the first step is v = d, as in PyTorch
    for (let i = 0; i < p.length; i++) {
      const d = (g[i] as number) + wd * (p[i] as number);
      const vi = mu * (v[i] as number) + d;
      v[i] = vi;
      p[i] = (p[i] as number) - lr * (nesterov ? d + mu * vi : vi);
    }
  }
}
