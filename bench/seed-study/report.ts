// Terminal output of the seed study: the per-point table and the predicted-vs-measured exponent table.
import type { Point } from './measure.js';
import type { DepthCheck, Sweep, SweepFit } from './analysis.js';

/** Seconds with three significant digits in a readable unit. */
export function fmtTime(s: number): string {
  if (s >= 1) return `${s.toPrecision(3)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toPrecision(3)} ms`;
  return `${(s * 1e6).toPrecision(3)} µs`;
}

const int = (v: number): string => Math.round(v).toLocaleString('en-US');
const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');

function table(rows: string[][], right: boolean[]): string {
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (right[c] ? cell.padStart(w[c]!) : cell.padEnd(w[c]!))).join('  ').trimEnd()).join('\n');
}

/** The configuration as the seed writes it: n-m-t, hidden layers and batch. */
export function configLabel(p: Point): string {
  const hidden = p.l === 1 ? `${p.m}` : `${p.m}×${p.l}`;
  return `${p.n}-${hidden}-${p.t} B=${p.batch}`;
}

export const POINT_HEADER = ['config', 'P', '2P evals', 'numerical', 'backprop', 'ratio', '2P·fwd/bp', 'fwd+bwd/fwd', 'max rel diff', 'agree'];
const RIGHT = [false, true, true, true, true, true, true, true, true, false];

/** One table row per point; extrapolated numerical times are marked with *. */
export function pointRows(points: readonly Point[]): string[][] {
  return points.map((p) => [
    configLabel(p),
    int(p.params),
    int(2 * p.params),
    `${fmtTime(p.numericalSeconds)}${p.numericalExtrapolated ? '*' : ''}`,
    fmtTime(p.backpropSeconds),
    int(p.ratio),
    int(p.predictedRatio),
    f2(p.cheapRatio),
    p.agreement.maxRelDiff.toExponential(1),
    p.agreement.allClose ? 'yes' : 'NO',
  ]);
}

export function pointTable(points: readonly Point[]): string {
  return table([POINT_HEADER, ...pointRows(points)], RIGHT);
}

/** The exponent table: predicted (asymptotic, cost model over the swept sizes, the seed's formula) vs measured. */
export function exponentTable(sweeps: readonly Sweep[], fits: readonly SweepFit[]): string {
  const header = [
    'sweep', 'values', 'numerical: asym', 'model', 'measured', 'model top-3', 'measured top-3',
    'backprop: asym', 'model', 'measured', 'model top-3', 'measured top-3', 'seed formula: asym', 'model',
  ];
  const rows = sweeps.map((s, i) => {
    const f = fits[i]!;
    return [
      s.variable,
      `${s.values[0]}…${s.values[s.values.length - 1]}`,
      String(s.asymptotic.numerical), f2(f.modelNumerical), f2(f.numerical), f2(f.modelNumericalTop), f2(f.numericalTop),
      String(s.asymptotic.backprop), f2(f.modelBackprop), f2(f.backprop), f2(f.modelBackpropTop), f2(f.backpropTop),
      String(s.asymptotic.seed), f.modelSeed === null ? '—' : f2(f.modelSeed),
    ];
  });
  return table([header, ...rows], header.map((_, c) => c >= 2));
}

/** Why the numerical exponent is what it is: slope(numerical) ≈ slope(P) + slope(one loss evaluation). */
export function decompositionTable(sweeps: readonly Sweep[], fits: readonly SweepFit[]): string {
  const header = ['sweep', 'slope of P', '+ slope of one forward', '= sum', 'numerical measured', 'ratio num/bp'];
  const rows = sweeps.map((s, i) => {
    const f = fits[i]!;
    return [s.variable, f2(f.params), f2(f.forward), f2(f.params + f.forward), f2(f.numerical), f2(f.ratio)];
  });
  return table([header, ...rows], header.map((_, c) => c >= 1));
}

export function depthSummary(d: DepthCheck): string {
  return [
    `ratio ≈ ${f2(d.linear.intercept)} + ${f2(d.linear.slope)}·l   (rms relative error ${(100 * d.linear.rmsRelError).toFixed(1)} %)`,
    `ratio ≈ ${f2(d.exponential.coefficient)}·e^(${d.exponential.rate.toFixed(3)}·l)   (rms relative error ${(100 * d.exponential.rmsRelError).toFixed(1)} %)`,
    `growth of the ratio per added layer: ${d.growthPerLayer.map(f2).join(', ')}  (exponential growth would keep this constant)`,
    `log-log slope of the ratio vs l: ${f2(d.powerExponent)}  (parameter count P vs l: ${f2(d.paramsExponent)})`,
  ].join('\n');
}
