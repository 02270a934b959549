import { grad } from '../autodiff/grad.js';
import { Rng } from '../random.js';
import { Tensor } from '../tensor.js';
import { checkArgs, evaluate, type TensorFunction } from './numerical-grad.js';
import { DEFAULTS, GRADCHECK_KEYS, gradcheck, type GradcheckOptions } from './gradcheck.js';
import type { GradcheckFailure, GradcheckReport } from './report.js';
import { readOptions } from '../_internal/options.js';

/**
 * Checks second derivatives: gradchecks the gradient function itself. With a random output gradient v
 * (seeded), each input's vector-Jacobian product `∂(Σ v·f(x))/∂x_j` — computed by `grad`, recording its
 * backward pass — is a function of the inputs and of v, and must pass {@link gradcheck} in all of them
 * (v is checked as an extra last input, so a rule that mishandles its output gradient is caught too).
 * @param f - a function of the inputs (in order) returning a tensor.
 * @param inputs - the point to check at (never modified); use float64.
 * @param options - as {@link gradcheck}; `seed` also seeds v, `argnums` picks the inputs.
 * @returns one report for all gradients; with `raiseOnFailure: false`, the failures of every gradient checked.
 * @throws {@link GradcheckError} naming which gradient failed (`report.context`), unless `raiseOnFailure: false`.
 * @category Gradient checking
 * @example
 * ```ts
 * import { Tensor, gradgradcheck } from 'tinygrad-ts';
 * const x = Tensor.randn([2, 3], { dtype: 'float64', seed: 3 });
 * console.log(gradgradcheck((t) => t.tanh().mul(t).sum(), [x]).passed); // true
 * ```
 */
export function gradgradcheck<const In extends readonly Tensor[]>(
  f: (...inputs: In) => Tensor, inputs: In, options: GradcheckOptions = {},
): GradcheckReport {
  checkArgs(f, inputs, 'gradgradcheck');
  options = readOptions<GradcheckOptions>(options, GRADCHECK_KEYS, 'gradgradcheck');
  const fn = f as unknown as TensorFunction;
  const n = inputs.length;
  const checked = options.argnums ?? inputs.map((_, i) => i);
  const seed = options.seed ?? 0;
  const out = evaluate(fn, [...inputs], 'gradgradcheck');
  const rng = new Rng(seed + 1); // its own stream, apart from fast mode's
  const v = Tensor.from(Float64Array.from(out.values, () => rng.normal()), { dtype: 'float64', shape: out.shape });
  const vjp = (...args: Tensor[]): Tensor[] =>
    grad((...ys: Tensor[]) => fn(...ys.slice(0, n)).mul(ys[n] as Tensor).sum(), { argnums: checked })(...args.slice(0, n), args[n] as Tensor);
  const failures: GradcheckFailure[] = [];
  let last: GradcheckReport | null = null;
  checked.forEach((j, c) => {
    const context = `second derivatives: the gradient of input ${j}, as a function of the inputs and of the output gradient (input ${n})`;
    last = gradcheck((...args: Tensor[]) => vjp(...args)[c] as Tensor, [...inputs, v], { ...options, argnums: undefined, context });
    failures.push(...last.failures);
  });
  const base = last as GradcheckReport | null;
  return {
    passed: failures.length === 0, mode: options.fastMode === true ? 'fast' : 'full',
    eps: base?.eps ?? options.eps ?? DEFAULTS.eps, atol: base?.atol ?? options.atol ?? DEFAULTS.atol, rtol: base?.rtol ?? options.rtol ?? DEFAULTS.rtol,
    seed, context: 'second derivatives', failures,
  };
}
