// Predicted vs measured exponents per sweep, and the depth check (linear or exponential growth of the ratio?).
import { forwardFma, paramCount, seedBound, type NetConfig } from './net.js';
import type { Point } from './measure.js';
import { linearFit, powerFit, rmsRelError } from './stats.js';

/** The swept variable of a sweep. */
export type Variable = 'n' | 'm' | 't' | 'l' | 'batch';

/** A sweep: one variable over several values, the others fixed, with the exponents theory predicts. */
export interface Sweep {
  readonly id: string;
  readonly title: string;
  readonly variable: Variable;
  readonly values: readonly number[];
  readonly base: NetConfig;
  /** Asymptotic exponents (largest sizes): numerical = 2P evaluations × Θ(batch·(nm + (l−1)m² + mt)), backprop = Θ(that evaluation). */
  readonly asymptotic: { readonly numerical: number; readonly backprop: number; readonly seed: number | string };
}

/** The exponents of one sweep. */
export interface SweepFit {
  readonly id: string;
  readonly variable: Variable;
  /** Slope of the cost model 2P·batch·fma over exactly the swept sizes (what the clean Θ counts predict here). */
  readonly modelNumerical: number;
  readonly modelBackprop: number;
  /** The same over the three largest sizes. */
  readonly modelNumericalTop: number;
  readonly modelBackpropTop: number;
  /** Slope of the seed note's (n+m)(m+t)(nm+mt)·batch over the swept sizes (l = 1 sweeps only). */
  readonly modelSeed: number | null;
  /** Measured log-log slopes over all points, and over the three largest (closer to the asymptote). */
  readonly numerical: number;
  readonly numericalTop: number;
  readonly backprop: number;
  readonly backpropTop: number;
  readonly ratio: number;
  /** Slopes of P and of the measured time of one loss evaluation: numerical ≈ 2P × forward, so these add up to its slope. */
  readonly params: number;
  readonly forward: number;
  /** Prefactors of the all-points fits (seconds = c·x^p), for drawing the fitted lines. */
  readonly numericalCoef: number;
  readonly backpropCoef: number;
}

export function withValue(base: NetConfig, variable: Variable, v: number): NetConfig {
  return { ...base, [variable]: v };
}

const top = <T>(xs: readonly T[]): T[] => xs.slice(Math.max(0, xs.length - 3));

/** Fits the measured and predicted exponents of one sweep's points (in increasing order of the variable). */
export function fitSweep(s: Sweep, points: readonly Point[]): SweepFit {
  const xs = points.map((p) => p[s.variable]);
  const num = points.map((p) => p.numericalSeconds);
  const bp = points.map((p) => p.backpropSeconds);
  const slope = (ys: number[], sub = false): number => powerFit(sub ? top(xs) : xs, sub ? top(ys) : ys).exponent;
  const numFit = powerFit(xs, num);
  const bpFit = powerFit(xs, bp);
  const cfgs = points as readonly NetConfig[];
  const modelNum = cfgs.map((c) => 2 * paramCount(c) * c.batch * forwardFma(c));
  const modelBp = cfgs.map((c) => c.batch * forwardFma(c));
  return {
    id: s.id,
    variable: s.variable,
    modelNumerical: slope(modelNum),
    modelBackprop: slope(modelBp),
    modelNumericalTop: slope(modelNum, true),
    modelBackpropTop: slope(modelBp, true),
    modelSeed: cfgs.every((c) => c.l === 1) ? slope(cfgs.map((c) => c.batch * seedBound(c))) : null,
    numerical: numFit.exponent,
    numericalTop: slope(num, true),
    backprop: bpFit.exponent,
    backpropTop: slope(bp, true),
    ratio: slope(points.map((p) => p.ratio)),
    params: slope(points.map((p) => p.params)),
    forward: slope(points.map((p) => p.forwardSeconds)),
    numericalCoef: numFit.coefficient,
    backpropCoef: bpFit.coefficient,
  };
}

/** The depth claim tested: is ratio(l) better described by a + b·l or by c·e^(k·l)? */
export interface DepthCheck {
  readonly linear: { readonly intercept: number; readonly slope: number; readonly rmsRelError: number };
  readonly exponential: { readonly coefficient: number; readonly rate: number; readonly rmsRelError: number };
  /** ratio(l_{i+1}) / ratio(l_i) per unit of depth: constant for exponential growth, falling towards 1 for linear. */
  readonly growthPerLayer: readonly number[];
  /** log-log slope of the ratio against l (1 = linear). */
  readonly powerExponent: number;
  /** log-log slope of P against l: the ratio should follow the parameter count. */
  readonly paramsExponent: number;
}

export function depthCheck(points: readonly Point[]): DepthCheck {
  const ls = points.map((p) => p.l);
  const rs = points.map((p) => p.ratio);
  const [a, b] = linearFit(ls, rs);
  const [la, k] = linearFit(ls, rs.map(Math.log));
  const growthPerLayer = points.slice(1).map((p, i) => {
    const prev = points[i] as Point;
    return (p.ratio / prev.ratio) ** (1 / (p.l - prev.l));
  });
  return {
    linear: { intercept: a, slope: b, rmsRelError: rmsRelError(rs, ls.map((l) => a + b * l)) },
    exponential: { coefficient: Math.exp(la), rate: k, rmsRelError: rmsRelError(rs, ls.map((l) => Math.exp(la + k * l))) },
    growthPerLayer,
    powerExponent: powerFit(ls, rs).exponent,
    paramsExponent: powerFit(ls, points.map((p) => p.params)).exponent,
  };
}
