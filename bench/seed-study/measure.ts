// One point of the study: numerical gradient (numericalGrad) vs one backprop gradient (valueAndGrad), same net and batch.
import { noGrad, numericalGrad, valueAndGrad, type Tensor } from '../../src/index.js';
import { buildNet, forwardFma, paramCount, type NetConfig } from './net.js';
import { pooled, timeIt, type Timed } from './stats.js';

/** Central-difference step: near the float64 optimum (truncation and rounding errors both ~1e-10). */
export const EPS = 1e-6;

/** How closely the two gradients agree over the parameters they were both computed for. */
export interface Agreement {
  /** max over parameters of |backprop − numerical|. */
  readonly maxAbsDiff: number;
  /** maxAbsDiff / max |numerical|: the largest difference relative to the gradient's scale. */
  readonly maxRelDiff: number;
  /** Every element within the checker's float64 tolerance |a − n| ≤ 1e-5 + 1e-3·|n|. */
  readonly allClose: boolean;
}

/** The measurements at one configuration. */
export interface Point extends NetConfig {
  /** Parameter count P; the numerical gradient makes 2P loss evaluations. */
  readonly params: number;
  readonly forwardFma: number;
  /** CPU seconds for the full numerical gradient (measured, or extrapolated from `numericalParams` parameters). */
  readonly numericalSeconds: number;
  readonly numericalWallSeconds: number;
  readonly numericalReps: number;
  /** The numerical time is `numericalSeconds(subset) × P / numericalParams`, not a full run. */
  readonly numericalExtrapolated: boolean;
  readonly numericalParams: number;
  /** Median CPU seconds of one valueAndGrad (forward with recording + backward). */
  readonly backpropSeconds: number;
  readonly backpropWallSeconds: number;
  readonly backpropReps: number;
  /** Median CPU seconds of one unrecorded loss evaluation, the unit the numerical gradient repeats 2P times. */
  readonly forwardSeconds: number;
  readonly forwardWallSeconds: number;
  readonly forwardReps: number;
  /** numerical / backprop. */
  readonly ratio: number;
  /** 2P·forward / backprop: the ratio predicted from the two measured single passes. */
  readonly predictedRatio: number;
  /** (forward + backward) / forward: the cheap-gradient ratio. */
  readonly cheapRatio: number;
  readonly agreement: Agreement;
}

/** Options of {@link measurePoint}. */
export interface MeasureOptions {
  /** Extrapolate from a subset of the parameters when the full numerical gradient would take longer (seconds). */
  readonly fullLimitSeconds: number;
  /** Time budget for repeating the fast sides, milliseconds. */
  readonly budgetMs: number;
  /** Length of one timed group of calls of the fast sides, milliseconds (the median is over groups). */
  readonly groupMs: number;
}

function agreement(backprop: readonly Tensor[], numerical: readonly Tensor[]): Agreement {
  let maxAbsDiff = 0;
  let maxAbs = 0;
  let allClose = true;
  backprop.forEach((a, j) => {
    const nd = (numerical[j] as Tensor).data;
    for (let i = 0; i < a.size; i++) {
      const [av, nv] = [a.data[i] as number, nd[i] as number];
      const d = Math.abs(av - nv);
      maxAbsDiff = Math.max(maxAbsDiff, d);
      maxAbs = Math.max(maxAbs, Math.abs(nv));
      if (!(d <= 1e-5 + 1e-3 * Math.abs(nv))) allClose = false;
    }
  });
  return { maxAbsDiff, maxRelDiff: maxAbs === 0 ? maxAbsDiff : maxAbsDiff / maxAbs, allClose };
}

/** Times both gradient methods at one configuration and checks that their gradients agree. */
export function measurePoint(c: NetConfig, opts: MeasureOptions): Point {
  const net = buildNet(c);
  const P = paramCount(c);
  const ps = net.params;
  // the fast sides are timed half before and half after the numerical run, so a change in the load on the
  // shared machine during it affects both methods alike
  const forward = (): Timed<Tensor> => timeIt(() => noGrad(() => net.loss(...ps)), opts.budgetMs / 4, 3, opts.groupMs);
  const vg = valueAndGrad(net.loss, { argnums: ps.map((_, i) => i) });
  const backprop = (): Timed<[Tensor, Tensor[]]> => timeIt(() => vg(...ps), opts.budgetMs / 2, 3, opts.groupMs);
  const fwdBefore = forward();
  const bpBefore = backprop();
  const backGrads = bpBefore.result[1];
  const estimate = 2 * P * fwdBefore.seconds;
  let num: { seconds: number; wallSeconds: number; reps: number };
  let numericalParams = P;
  let agree: Agreement;
  if (estimate <= opts.fullLimitSeconds) {
    // a fast numerical gradient is repeated for a median too; a slow one is run once
    const timed = timeIt(() => numericalGrad(net.loss, ps, { eps: EPS }), estimate < 0.2 ? opts.budgetMs : 0, 1, 0, 5);
    num = { seconds: timed.seconds, wallSeconds: timed.wallSeconds, reps: timed.reps };
    agree = agreement(backGrads, timed.result);
  } else {
    // every loss evaluation costs the same whichever parameter is bumped, so time per parameter extrapolates
    const first = ps[0] as Tensor;
    const rest = ps.slice(1);
    const partial = (...tail: Tensor[]): Tensor => net.loss(first, ...tail);
    const timed = timeIt(() => numericalGrad(partial, rest, { eps: EPS }), 0, 1, 0, 1);
    numericalParams = P - first.size;
    const scale = P / numericalParams;
    num = { seconds: timed.seconds * scale, wallSeconds: timed.wallSeconds * scale, reps: timed.reps };
    agree = agreement(backGrads.slice(1), timed.result);
  }
  const fwd = pooled(fwdBefore, forward());
  const bp = pooled(bpBefore, backprop());
  return {
    ...c,
    params: P,
    forwardFma: forwardFma(c),
    numericalSeconds: num.seconds,
    numericalWallSeconds: num.wallSeconds,
    numericalReps: num.reps,
    numericalExtrapolated: numericalParams !== P,
    numericalParams,
    backpropSeconds: bp.seconds,
    backpropWallSeconds: bp.wallSeconds,
    backpropReps: bp.reps,
    forwardSeconds: fwd.seconds,
    forwardWallSeconds: fwd.wallSeconds,
    forwardReps: fwd.reps,
    ratio: num.seconds / bp.seconds,
    predictedRatio: (2 * P * fwd.seconds) / bp.seconds,
    cheapRatio: bp.seconds / fwd.seconds,
    agreement: agree,
  };
}
