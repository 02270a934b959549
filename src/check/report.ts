import type { DType } from '../dtype.js';
import { TinygradError } from '../errors.js';
import { formatShape } from '../_internal/shape.js';

/**
 * What a failed check found wrong:
 * `'jacobian'` (analytical ≠ numerical), `'fast-mode'` (the random projections vᵀ(J u) and (vᵀJ) u disagree),
 * `'reentrant'` (backward run twice gave different results), `'zero-grad'` (a zero output gradient gave a
 * non-zero input gradient), `'shape'` / `'dtype'` (a gradient that does not fit its input).
 * @category Gradient checking
 */
export type GradcheckFailureKind = 'jacobian' | 'fast-mode' | 'reentrant' | 'zero-grad' | 'shape' | 'dtype';

/**
 * One entry of the Jacobian, the worst of a failing comparison.
 * @category Gradient checking
 */
export interface GradcheckEntry {
  /** Index of the output element (multi-index into the output's shape; `[]` for a scalar output). */
  readonly outputIndex: readonly number[];
  /** Index of the input element (multi-index into the input's shape). */
  readonly inputIndex: readonly number[];
  /** The finite-difference value (for `'reentrant'`: the first backward's value). */
  readonly numerical: number;
  /** The value reverse mode gave (for `'reentrant'`: the second backward's value). */
  readonly analytical: number;
  /** |analytical − numerical|. */
  readonly absError: number;
  /** |analytical − numerical| / |numerical| (Infinity when the numerical value is 0). */
  readonly relError: number;
  /** The bound it broke: atol + rtol·|numerical| (0 for the exact checks). */
  readonly tolerance: number;
}

/**
 * One failed check, for one input.
 * @category Gradient checking
 */
export interface GradcheckFailure {
  /** Which check failed. */
  readonly kind: GradcheckFailureKind;
  /** Which input (argument of `f`, counting from 0). */
  readonly input: number;
  /** The shape of that input. */
  readonly inputShape: readonly number[];
  /** The dtype of that input. */
  readonly inputDType: DType;
  /** The shape of `f`'s output. */
  readonly outputShape: readonly number[];
  /** The recorded ops between this input and the output, in forward order (`'Sigmoid → Sum'`), or null. */
  readonly opPath: string | null;
  /** How many compared entries broke the tolerance. */
  readonly mismatches: number;
  /** How many entries were compared. */
  readonly total: number;
  /** The entry that broke its tolerance by the largest factor, or null for a check that has no entries. */
  readonly worst: GradcheckEntry | null;
  /** One line saying what went wrong. */
  readonly summary: string;
}

/**
 * The structured result of {@link gradcheck}: passed or not, with every failure found.
 * @category Gradient checking
 */
export interface GradcheckReport {
  /** True when every check passed. */
  readonly passed: boolean;
  /** `'full'` compares whole Jacobians; `'fast'` compares random projections of them. */
  readonly mode: 'full' | 'fast';
  /** The finite-difference step used. */
  readonly eps: number;
  /** The absolute tolerance used. */
  readonly atol: number;
  /** The relative tolerance used. */
  readonly rtol: number;
  /** The seed of the random projections (fast mode) and of gradgradcheck's output gradient. */
  readonly seed: number;
  /** What was checked, e.g. `'gradient of input 1'` for gradgradcheck; empty for gradcheck. */
  readonly context: string;
  /** Every failure, in the order found (the first is the one the error message describes). */
  readonly failures: readonly GradcheckFailure[];
}

/**
 * Thrown by {@link gradcheck} and {@link gradgradcheck} when the analytical and numerical gradients disagree.
 * Its message describes the first failure for people (op path, shapes, worst element, errors and tolerance);
 * `report` carries the same as data.
 * @category Errors
 * @example
 * ```ts
 * import { Tensor, defineOp, gradcheck, GradcheckError } from 'tinygrad-ts';
 * const Square = defineOp<[Tensor]>({
 *   name: 'Square',
 *   forward: ([x]) => x.mul(x),
 *   backward: (g, { inputs: [x] }) => [g.mul(x)], // wrong: misses the factor 2
 * });
 * try {
 *   gradcheck((x) => Square([x]).sum(), [Tensor.from([1, 2], { dtype: 'float64' })]);
 * } catch (e) {
 *   if (e instanceof GradcheckError) console.log(e.report.failures[0]?.worst);
 * }
 * ```
 */
export class GradcheckError extends TinygradError {
  /** The structured report behind the message. */
  readonly report: GradcheckReport;

  constructor(report: GradcheckReport) {
    super(formatReport(report));
    this.report = report;
  }
}

/** Row-major flat index → multi-index. @internal */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d] as number;
    idx[d] = flat % n;
    flat = Math.floor(flat / n);
  }
  return idx;
}

const num = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6) ? v.toExponential(6) : String(Number(v.toPrecision(10)))) : String(v));
const sci = (v: number): string => (Number.isFinite(v) ? v.toExponential(2) : String(v));
const at = (idx: readonly number[]): string => `[${idx.join(', ')}]`;

function formatFailure(f: GradcheckFailure, r: GradcheckReport): string[] {
  const lines = [`  ${f.summary}`];
  if (f.opPath !== null) lines.push(`  op path:    ${f.opPath}`);
  lines.push(`  shapes:     input ${f.input} ${formatShape(f.inputShape)} (${f.inputDType}), output ${formatShape(f.outputShape)}`);
  if (f.total > 0) lines.push(`  mismatches: ${f.mismatches} of ${f.total} compared entries`);
  const w = f.worst;
  if (w !== null) {
    const fast = f.kind === 'fast-mode' && w.outputIndex.length === 0 && w.inputIndex.length === 0;
    const [nName, aName] =
      f.kind === 'reentrant' ? ['first', 'second'] : f.kind === 'zero-grad' ? ['expected', 'got'] : ['numerical', 'analytical'];
    const entry = f.kind === 'zero-grad' ? `gradient of input${f.input}${at(w.inputIndex)}` : `d output${at(w.outputIndex)} / d input${f.input}${at(w.inputIndex)}`;
    lines.push(fast ? '  projection: vᵀ(J u) vs (vᵀJ) u' : `  worst:      ${entry}`);
    lines.push(`    ${nName.padEnd(11)} ${num(w.numerical)}`);
    lines.push(`    ${aName.padEnd(11)} ${num(w.analytical)}`);
    lines.push(`    ${'abs error'.padEnd(11)} ${sci(w.absError)}   rel error ${sci(w.relError)}`);
    lines.push(
      f.kind === 'jacobian' || f.kind === 'fast-mode'
        ? `    ${'tolerance'.padEnd(11)} |a − n| ≤ atol + rtol·|n| = ${sci(r.atol)} + ${sci(r.rtol)}·${sci(Math.abs(w.numerical))} = ${sci(w.tolerance)}`
        : `    ${'tolerance'.padEnd(11)} exact (0)`,
    );
  }
  return lines;
}

/** The human-readable message of a failed report: the first failure in full, the others by name. @internal */
function formatReport(r: GradcheckReport): string {
  const first = r.failures[0];
  const where = r.context === '' ? '' : ` (${r.context})`;
  if (first === undefined) return `gradcheck passed${where}`;
  const lines = [`gradcheck failed${where}: ${first.kind} check on input ${first.input}`, ...formatFailure(first, r)];
  lines.push(`  settings:   ${r.mode} mode, eps ${r.eps.toExponential()}, atol ${r.atol.toExponential()}, rtol ${r.rtol.toExponential()}, seed ${r.seed}`);
  const rest = r.failures.slice(1);
  if (rest.length > 0) lines.push(`  also:       ${rest.map((f) => `${f.kind} on input ${f.input}`).join('; ')} (see error.report.failures)`);
  return lines.join('\n');
}
