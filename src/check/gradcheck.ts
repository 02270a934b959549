import { backwardPass, GradientShapeError } from '../autodiff/backward.js';
import { withGradMode } from '../autodiff/state.js';
import { InvalidArgumentError } from '../errors.js';
import { Rng } from '../random.js';
import { describe, shapesEqual } from '../_internal/shape.js';
import { isTensor, Tensor } from '../tensor.js';
import { centralDifferences, checkArgs, checkEps, evaluate, type TensorFunction } from './numerical-grad.js';
import { GradcheckError, unravel, type GradcheckEntry, type GradcheckFailure, type GradcheckReport } from './report.js';
import { opPath } from './op-path.js';
import { readOptions } from '../_internal/options.js';

/**
 * Options of {@link gradcheck} and {@link gradgradcheck}.
 * @category Gradient checking
 */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6, the float64 optimum of central differences). */
  readonly eps?: number;
  /** Absolute tolerance (default 1e-5). An entry passes when |a − n| ≤ atol + rtol·|n|. */
  readonly atol?: number;
  /** Relative tolerance (default 1e-3). */
  readonly rtol?: number;
  /** Throw a {@link GradcheckError} on failure (default true); otherwise return the report. */
  readonly raiseOnFailure?: boolean;
  /**
   * Compare random projections vᵀ(J u) and (vᵀJ) u instead of whole Jacobians: two evaluations of `f` and one
   * backward per input instead of one per element. On a mismatch the full check of that input runs, to name the worst element.
   */
  readonly fastMode?: boolean;
  /** Seed of the private generator behind fast mode's u and v (default 0); no other random state is touched. */
  readonly seed?: number;
  /** Which inputs to check (default: all). The others are held constant. */
  readonly argnums?: readonly number[];
  /** @internal A label for the report (gradgradcheck says which gradient it checks). */
  readonly context?: string;
}

/** The float64 defaults of the step and the tolerances. @internal */
export const DEFAULTS = { eps: 1e-6, atol: 1e-5, rtol: 1e-3 } as const;
/** The option names gradcheck and gradgradcheck accept. @internal */
export const GRADCHECK_KEYS = ['eps', 'atol', 'rtol', 'raiseOnFailure', 'fastMode', 'seed', 'argnums', 'context'] as const;

let warnedFloat32 = false;

/** Warns once per process that a float32 check is unreliable, unless the caller chose eps and atol. */
function warnFloat32(inputs: readonly Tensor[], checked: readonly number[], output: Tensor, options: GradcheckOptions): void {
  if (warnedFloat32 || (options.eps !== undefined && options.atol !== undefined)) return;
  const input32 = checked.some((j) => (inputs[j] as Tensor).dtype === 'float32');
  if (!input32 && output.dtype !== 'float32') return;
  warnedFloat32 = true;
  const message =
    `gradcheck: ${input32 ? 'an input' : 'the output'} is float32, where finite differences are too coarse for the default eps/atol/rtol ` +
    '(rounding error ≈ 1e-7/eps swamps the difference). Cast the inputs to float64 (x.cast("float64")) and keep the computation in float64, ' +
    'or pass a wider eps and atol explicitly (e.g. { eps: 1e-3, atol: 1e-2, rtol: 1e-2 }).';
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(message, { code: 'TINYGRAD_GRADCHECK_FLOAT32' });
  else console.warn(message);
}

/** @internal Re-arms the once-only float32 warning (for tests). */
export function _resetFloat32Warning(): void {
  warnedFloat32 = false;
}

interface Setup {
  readonly f: TensorFunction;
  readonly inputs: readonly Tensor[];
  readonly checked: readonly number[];
  readonly eps: number;
  readonly atol: number;
  readonly rtol: number;
}

/** One recorded forward pass whose graph is kept, so that backward can run through it many times. */
class Recorded {
  readonly leaves: Tensor[];
  readonly out: Tensor;

  constructor(s: Setup) {
    this.leaves = s.inputs.map((x, i) => (s.checked.includes(i) ? Tensor._wrap(x.data, x.shape, true) : x));
    const out = withGradMode(true, () => s.f(...this.leaves));
    if (!isTensor(out)) throw new InvalidArgumentError(`gradcheck: f must return a Tensor, got ${describe(out)}`);
    this.out = out;
  }

  /** vᵀJ for every checked input (zeros where the output does not depend on it). */
  vjp(s: Setup, seed: Float64Array): Tensor[] {
    const v = Tensor.from(seed, { dtype: this.out.dtype, shape: this.out.shape });
    const wrt = s.checked.map((j) => this.leaves[j] as Tensor);
    const found = this.out.requiresGrad ? backwardPass(this.out, v, { wrt, createGraph: false, retainGraph: true }) : new Map<Tensor, Tensor>();
    return wrt.map((x) => found.get(x) ?? Tensor.zeros(x.shape, { dtype: x.dtype }));
  }
}

/** Reverse-mode Jacobian rows: one backward per output element. Returns [m × n_j] per checked input. */
function analyticalJacobian(s: Setup, rec: Recorded): Float64Array[] {
  const m = rec.out.size;
  const jacs = s.checked.map((j) => new Float64Array(m * (s.inputs[j] as Tensor).size));
  const seed = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    seed.fill(0);
    seed[e] = 1;
    rec.vjp(s, seed).forEach((g, c) => {
      const n = g.size;
      const jac = jacs[c] as Float64Array;
      for (let k = 0; k < n; k++) jac[e * n + k] = g.data[k] as number;
    });
  }
  return jacs;
}

function numericalJacobianOf(s: Setup, j: number, m: number): Float64Array {
  const n = (s.inputs[j] as Tensor).size;
  const jac = new Float64Array(m * n);
  centralDifferences(s.f, s.inputs, j, s.eps, 'gradcheck', (k, column) => {
    for (let e = 0; e < m; e++) jac[e * n + k] = column[e] as number;
  });
  return jac;
}

interface Comparison {
  readonly mismatches: number;
  readonly total: number;
  readonly worst: GradcheckEntry | null;
}

/** Entry-wise |a − n| ≤ atol + rtol·|n| (or exact equality with atol = rtol = 0); the worst is the largest error/tolerance. */
function compare(
  numerical: ArrayLike<number>, analytical: ArrayLike<number>, n: number,
  outShape: readonly number[], inShape: readonly number[], atol: number, rtol: number,
): Comparison {
  let mismatches = 0;
  let worstScore = 0;
  let worst: GradcheckEntry | null = null;
  for (let i = 0; i < numerical.length; i++) {
    const nv = numerical[i] as number;
    const av = analytical[i] as number;
    const absError = Math.abs(av - nv);
    const tolerance = atol + rtol * Math.abs(nv);
    const ok = absError <= tolerance || (Object.is(av, nv) && !Number.isNaN(av));
    if (ok) continue;
    mismatches++;
    const ratio = tolerance > 0 ? absError / tolerance : absError;
    const score = Number.isNaN(ratio) ? Infinity : ratio;
    if (worst === null || score > worstScore) {
      worstScore = score;
      const relError = nv === 0 ? (absError === 0 ? 0 : Infinity) : absError / Math.abs(nv);
      worst = {
        outputIndex: unravel(Math.floor(i / Math.max(n, 1)), outShape),
        inputIndex: unravel(i % Math.max(n, 1), inShape),
        numerical: nv, analytical: av, absError, relError, tolerance,
      };
    }
  }
  return { mismatches, total: numerical.length, worst };
}

function failure(
  s: Setup, rec: Recorded, j: number, kind: GradcheckFailure['kind'], summary: string, cmp: Comparison | null,
): GradcheckFailure {
  const x = s.inputs[j] as Tensor;
  return {
    kind, input: j, inputShape: x.shape, inputDType: x.dtype, outputShape: rec.out.shape,
    opPath: opPath(rec.out, rec.leaves[j] as Tensor, j),
    mismatches: cmp?.mismatches ?? 0, total: cmp?.total ?? 0, worst: cmp?.worst ?? null, summary,
  };
}

/**
 * Each gradient must have its input's shape and dtype. The engine already sums broadcast axes and casts dtypes,
 * and throws for any other shape; that error becomes a 'shape' failure here, naming the input.
 */
function checkFit(s: Setup, rec: Recorded, out: GradcheckFailure[]): boolean {
  let grads: Tensor[];
  try {
    grads = rec.vjp(s, new Float64Array(rec.out.size).fill(1));
  } catch (e) {
    if (!(e instanceof GradientShapeError)) throw e;
    // The rule's op input is not necessarily an input of f: attribute it to the first checked input.
    out.push(failure(s, rec, s.checked[0] as number, 'shape', `the engine rejected a rule's gradient: ${e.message}`, null));
    return false;
  }
  let ok = true;
  grads.forEach((g, c) => {
    const j = s.checked[c] as number;
    const x = s.inputs[j] as Tensor;
    if (!shapesEqual(g.shape, x.shape)) {
      out.push(failure(s, rec, j, 'shape', `the gradient of input ${j} has shape [${g.shape.join(', ')}], the input [${x.shape.join(', ')}]`, null));
      ok = false;
    } else if (g.dtype !== x.dtype) {
      out.push(failure(s, rec, j, 'dtype', `the gradient of input ${j} is ${g.dtype}, the input ${x.dtype}`, null));
      ok = false;
    }
  });
  return ok;
}

/** A zero output gradient must give exactly zero input gradients. */
function checkZeroGrad(s: Setup, rec: Recorded, out: GradcheckFailure[]): void {
  rec.vjp(s, new Float64Array(rec.out.size)).forEach((g, c) => {
    const j = s.checked[c] as number;
    const cmp = compare(new Float64Array(g.size), g.data, g.size, [], g.shape, 0, 0);
    if (cmp.mismatches > 0) {
      out.push(failure(s, rec, j, 'zero-grad', `a zero output gradient gave input ${j} a non-zero gradient`, cmp));
    }
  });
}

function fullCheck(s: Setup, rec: Recorded, failures: GradcheckFailure[]): void {
  const m = rec.out.size;
  const first = analyticalJacobian(s, rec);
  const second = analyticalJacobian(s, rec);
  s.checked.forEach((j, c) => {
    const x = s.inputs[j] as Tensor;
    const a = first[c] as Float64Array;
    const cmp = compare(numericalJacobianOf(s, j, m), a, x.size, rec.out.shape, x.shape, s.atol, s.rtol);
    if (cmp.mismatches > 0) {
      failures.push(failure(s, rec, j, 'jacobian', `the analytical gradient of input ${j} does not match the numerical one`, cmp));
    }
    const again = compare(a, second[c] as Float64Array, x.size, rec.out.shape, x.shape, 0, 0);
    if (again.mismatches > 0) {
      failures.push(failure(s, rec, j, 'reentrant', `backward run twice gave input ${j} different gradients`, again));
    }
  });
}

function unitVector(rng: Rng, n: number): Float64Array {
  const v = new Float64Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    v[i] = z;
    norm += z * z;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < n; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** vᵀ(J u) by central differences along u, for input j. */
function projectedNumerical(s: Setup, j: number, u: Float64Array, v: Float64Array): number {
  const x = s.inputs[j] as Tensor;
  const shifted = (sign: number): number => {
    const data = Float64Array.from(x.data, (xv, k) => xv + sign * s.eps * (u[k] as number));
    const args = s.inputs.map((t, i) => (i === j ? Tensor.from(data, { dtype: x.dtype, shape: x.shape }) : t));
    const out = evaluate(s.f, args, 'gradcheck').values;
    let dot = 0;
    for (let e = 0; e < out.length; e++) dot += (v[e] as number) * (out[e] as number);
    return dot;
  };
  return (shifted(1) - shifted(-1)) / (2 * s.eps);
}

function fastCheck(s: Setup, rec: Recorded, rng: Rng, failures: GradcheckFailure[]): void {
  const v = unitVector(rng, rec.out.size);
  const first = rec.vjp(s, v);
  const second = rec.vjp(s, v);
  s.checked.forEach((j, c) => {
    const x = s.inputs[j] as Tensor;
    const u = unitVector(rng, x.size);
    const g = first[c] as Tensor;
    let analytical = 0;
    for (let k = 0; k < x.size; k++) analytical += (g.data[k] as number) * (u[k] as number);
    const numerical = projectedNumerical(s, j, u, v);
    const cmp = compare([numerical], [analytical], 1, [], [], s.atol, s.rtol);
    if (cmp.mismatches > 0) {
      // Locate the culprit: the full comparison of this input names the worst element.
      const full = compare(numericalJacobianOf(s, j, rec.out.size), analyticalJacobian(s, rec)[c] as Float64Array, x.size, rec.out.shape, x.shape, s.atol, s.rtol);
      const located = full.mismatches > 0 ? full : cmp;
      const summary = `vᵀ(J u) = ${numerical} but (vᵀJ) u = ${analytical} for input ${j}` +
        (full.mismatches > 0 ? '; the full check of this input found the worst element below' : '');
      failures.push(failure(s, rec, j, 'fast-mode', summary, located));
    }
    const again = compare(g.data, (second[c] as Tensor).data, x.size, [], x.shape, 0, 0);
    if (again.mismatches > 0) {
      failures.push(failure(s, rec, j, 'reentrant', `backward run twice gave input ${j} different gradients`, again));
    }
  });
}

function resolveArgnums(argnums: readonly number[] | undefined, count: number): number[] {
  if (argnums === undefined) return Array.from({ length: count }, (_, i) => i);
  if (!Array.isArray(argnums) || argnums.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) {
    throw new InvalidArgumentError(`gradcheck: argnums ${describe(argnums)} must be indices of the ${count} input(s)`);
  }
  return [...new Set(argnums)];
}

function checkTolerance(name: string, v: unknown): void {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
    throw new InvalidArgumentError(`gradcheck: ${name} must be a non-negative finite number, got ${describe(v)}`);
  }
}

/**
 * Checks reverse-mode gradients against central differences: the analytical Jacobian (one vector-Jacobian
 * product per output element) must match the numerical one entry by entry, `|a − n| ≤ atol + rtol·|n|`.
 * Also checks, as PyTorch does, that backward run twice gives the same result, that a zero output gradient
 * gives zero input gradients, and that every gradient has its input's shape and dtype.
 * Use float64 inputs: in float32 the check is unreliable (a warning says so, once).
 * @param f - a function of the inputs (in order) returning a tensor (any shape).
 * @param inputs - the point to check at, one tensor per argument of `f` (never modified).
 * @param options - `eps`, `atol`, `rtol`, `raiseOnFailure`, `fastMode`, `seed`, `argnums`.
 * @returns the report; `report.passed` is false only when `raiseOnFailure` is false.
 * @throws {@link GradcheckError} when a check fails (unless `raiseOnFailure: false`), with a report naming the
 * worst element; {@link InvalidArgumentError} for bad arguments.
 * @category Gradient checking
 * @example
 * ```ts
 * import { Tensor, gradcheck } from 'tinygrad-ts';
 * const x = Tensor.randn([3, 4], { dtype: 'float64', seed: 1 });
 * const w = Tensor.randn([4, 2], { dtype: 'float64', seed: 2 });
 * const report = gradcheck((a, b) => a.matmul(b).tanh(), [x, w]);
 * console.log(report.passed); // true
 * ```
 */
export function gradcheck<const In extends readonly Tensor[]>(
  f: (...inputs: In) => Tensor, inputs: In, options: GradcheckOptions = {},
): GradcheckReport {
  checkArgs(f, inputs, 'gradcheck');
  options = readOptions<GradcheckOptions>(options, GRADCHECK_KEYS, 'gradcheck');
  const eps = options.eps ?? DEFAULTS.eps;
  const atol = options.atol ?? DEFAULTS.atol;
  const rtol = options.rtol ?? DEFAULTS.rtol;
  const seed = options.seed ?? 0;
  checkEps(eps, 'gradcheck');
  checkTolerance('atol', atol);
  checkTolerance('rtol', rtol);
  const s: Setup = { f: f as unknown as TensorFunction, inputs, checked: resolveArgnums(options.argnums, inputs.length), eps, atol, rtol };
  const rec = new Recorded(s);
  warnFloat32(inputs, s.checked, rec.out, options);
  const failures: GradcheckFailure[] = [];
  if (checkFit(s, rec, failures)) {
    if (options.fastMode === true) fastCheck(s, rec, new Rng(seed), failures);
    else fullCheck(s, rec, failures);
    checkZeroGrad(s, rec, failures);
  }
  const report: GradcheckReport = {
    passed: failures.length === 0, mode: options.fastMode === true ? 'fast' : 'full',
    eps, atol, rtol, seed, context: options.context ?? '', failures,
  };
  if (!report.passed && options.raiseOnFailure !== false) throw new GradcheckError(report);
  return report;
}
