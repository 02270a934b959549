// The study's SVG charts, drawn with the examples' chart writer: log-log time per sweep, and the ratio against depth.
import { lineChart, type Series } from '../../examples/lib/svg-chart.js';
import type { DepthCheck, Sweep, SweepFit } from './analysis.js';
import type { Point } from './measure.js';

const NUMERICAL = '#e15759';
const BACKPROP = '#4e79a7';
const AXIS_NAME: Record<Sweep['variable'], string> = { n: 'input size n', m: 'hidden width m', t: 'classes t', l: 'hidden layers l', batch: 'batch size' };

/** A fitted power law c·x^p drawn as a dashed line across the swept range. */
function fitLine(name: string, color: string, xs: readonly number[], c: number, p: number): Series {
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  const pts = Array.from({ length: 17 }, (_, i): [number, number] => {
    const x = lo * (hi / lo) ** (i / 16);
    return [x, c * x ** p];
  });
  return { name, color, points: pts, dashed: true, markers: false };
}

/** Time (CPU seconds) against the swept size on log-log axes, both methods, with fitted slopes in the legend. */
export function sweepChart(s: Sweep, points: readonly Point[], f: SweepFit): string {
  const xs = points.map((p) => p[s.variable]);
  const pred = (asym: number | string, model: number): string => `model ${model.toFixed(2)}, asymptotic ${asym}`;
  return lineChart({
    title: `Gradient time vs ${AXIS_NAME[s.variable]} (${s.title.replace(/^Sweep \d+: [^(]*\(|\)$/g, '')})`,
    xLabel: AXIS_NAME[s.variable],
    yLabel: 'CPU seconds per gradient',
    xScale: 'log',
    yScale: 'log',
    width: 860,
    height: 440,
    series: [
      { name: 'numerical (2P loss evaluations)', color: NUMERICAL, points: points.map((p) => [p[s.variable], p.numericalSeconds]) },
      fitLine(`fit: slope ${f.numerical.toFixed(2)} (${pred(s.asymptotic.numerical, f.modelNumerical)})`, NUMERICAL, xs, f.numericalCoef, f.numerical),
      { name: 'backprop (valueAndGrad)', color: BACKPROP, points: points.map((p) => [p[s.variable], p.backpropSeconds]) },
      fitLine(`fit: slope ${f.backprop.toFixed(2)} (${pred(s.asymptotic.backprop, f.modelBackprop)})`, BACKPROP, xs, f.backpropCoef, f.backprop),
    ],
  });
}

/** The numerical/backprop ratio against depth on linear axes, with the linear and the exponential fit. */
export function depthChart(points: readonly Point[], d: DepthCheck): string {
  const ls = points.map((p) => p.l);
  const dense = Array.from({ length: 61 }, (_, i) => Math.min(...ls) + ((Math.max(...ls) - Math.min(...ls)) * i) / 60);
  const pct = (e: number): string => `${(100 * e).toFixed(0)} % rms error`;
  return lineChart({
    title: 'Numerical / backprop ratio vs depth (width 16)',
    xLabel: 'hidden layers l',
    yLabel: 'numerical time / backprop time',
    width: 860,
    height: 440,
    series: [
      { name: 'measured ratio', color: NUMERICAL, points: points.map((p) => [p.l, p.ratio]) },
      { name: '2P × forward / backprop', color: '#59a14f', points: points.map((p) => [p.l, p.predictedRatio]) },
      {
        name: `linear fit ${d.linear.intercept.toFixed(0)} + ${d.linear.slope.toFixed(0)}·l (${pct(d.linear.rmsRelError)})`,
        color: BACKPROP, dashed: true, markers: false, points: dense.map((l) => [l, d.linear.intercept + d.linear.slope * l]),
      },
      {
        name: `exponential fit ${d.exponential.coefficient.toFixed(0)}·e^(${d.exponential.rate.toFixed(2)}·l) (${pct(d.exponential.rmsRelError)})`,
        color: '#b07aa1', dashed: true, markers: false, points: dense.map((l) => [l, d.exponential.coefficient * Math.exp(d.exponential.rate * l)]),
      },
    ],
  });
}
