// The seed's claim measured: the numerical gradient (central differences, 2P loss evaluations) against one
// backprop gradient, over sweeps of n, m, t, depth l and batch size. Run: npm run bench:seed [-- --quick] [-- --out DIR] [-- --replot DIR]
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, arch, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { depthCheck, fitSweep, withValue, type DepthCheck, type Sweep, type SweepFit } from './seed-study/analysis.js';
import { EPS, measurePoint, type MeasureOptions, type Point } from './seed-study/measure.js';
import { paramCount, type NetConfig } from './seed-study/net.js';
import { median } from './seed-study/stats.js';
import { getBackend } from '../src/index.js';
import { configLabel, decompositionTable, depthSummary, exponentTable, fmtTime, pointTable } from './seed-study/report.js';
import { depthChart, sweepChart } from './seed-study/charts.js';

/** Everything one run measures. */
export interface Preset {
  readonly sweeps: readonly Sweep[];
  /** The textbook's 784-50-10 at the seed's one example and at the book's batch 100 (tiny stand-ins in the quick preset). */
  readonly textbook: readonly NetConfig[];
  readonly measure: MeasureOptions;
  /** fullLimitSeconds for the textbook point: above it, its numerical gradient is timed on a subset and extrapolated. */
  readonly textbookLimitSeconds: number;
}

// Sizes chosen so the slowest numerical point takes a few seconds on one shared core (see docs/seed-study.md).
export const FULL: Preset = {
  sweeps: [
    { id: 'n', title: 'Sweep 1: input size n (m = 8, t = 10, batch 64)', variable: 'n', values: [64, 128, 256, 512, 1024],
      base: { n: 0, m: 8, t: 10, l: 1, batch: 64 }, asymptotic: { numerical: 2, backprop: 1, seed: 2 } },
    { id: 'm', title: 'Sweep 2: hidden width m (n = 16, t = 4, batch 64)', variable: 'm', values: [16, 32, 64, 128, 256],
      base: { n: 16, m: 0, t: 4, l: 1, batch: 64 }, asymptotic: { numerical: 2, backprop: 1, seed: 3 } },
    { id: 't', title: 'Sweep 3: classes t (n = 32, m = 16, batch 64)', variable: 't', values: [8, 16, 32, 64, 128, 256],
      base: { n: 32, m: 16, t: 0, l: 1, batch: 64 }, asymptotic: { numerical: 2, backprop: 1, seed: 2 } },
    { id: 'depth', title: 'Sweep 4: depth l, hidden layers of width 16 (n = 16, t = 4, batch 64)', variable: 'l', values: [1, 2, 3, 4, 6, 8, 12, 16],
      base: { n: 16, m: 16, t: 4, l: 0, batch: 64 }, asymptotic: { numerical: 2, backprop: 1, seed: 'exp' } },
    { id: 'batch', title: 'Sweep 5: batch size (64-16-10)', variable: 'batch', values: [1, 4, 16, 64, 256, 1024],
      base: { n: 64, m: 16, t: 10, l: 1, batch: 0 }, asymptotic: { numerical: 1, backprop: 1, seed: 1 } },
  ],
  textbook: [{ n: 784, m: 50, t: 10, l: 1, batch: 1 }, { n: 784, m: 50, t: 10, l: 1, batch: 100 }],
  measure: { fullLimitSeconds: 60, budgetMs: 400, groupMs: 20 },
  textbookLimitSeconds: 60,
};

// Tiny sizes for the smoke test; fullLimitSeconds 0 forces the subset-and-extrapolate path at the textbook point.
export const QUICK: Preset = {
  sweeps: FULL.sweeps.map((s) => ({ ...s, values: s.variable === 'l' ? [1, 2, 3] : [2, 4, 8], base: { ...s.base, batch: s.variable === 'batch' ? 0 : 2 } })),
  textbook: [{ n: 12, m: 5, t: 3, l: 1, batch: 2 }],
  measure: { fullLimitSeconds: 60, budgetMs: 5, groupMs: 1 },
  textbookLimitSeconds: 0,
};

/** The results of a run, as written to seed-study.json. */
export interface StudyResult {
  readonly sweeps: readonly { readonly sweep: Sweep; readonly points: readonly Point[]; readonly fit: SweepFit }[];
  readonly depth: DepthCheck;
  readonly textbook: readonly Point[];
}

/** Runs every sweep and the textbook points, reporting progress through `log` (stderr in the CLI). */
export function runStudy(preset: Preset, log: (line: string, done: boolean) => void = () => {}, table: (s: string) => void = () => {}): StudyResult {
  const total = preset.sweeps.reduce((k, s) => k + s.values.length, 0) + preset.textbook.length;
  let k = 0;
  // warm the JIT on a small net first, so the first timed point is not compiling
  measurePoint({ n: 16, m: 8, t: 4, l: 2, batch: 4 }, { ...preset.measure, budgetMs: 50 });
  const measure = (c: NetConfig, label: string, opts = preset.measure): Point => {
    k++;
    const P = paramCount(c);
    log(`[${String(k).padStart(2)}/${total}] ${label} ${c.n}-${c.m}${c.l > 1 ? `×${c.l}` : ''}-${c.t} B=${c.batch}: P=${P}, ${2 * P} loss evaluations …`, false);
    const start = performance.now();
    const p = measurePoint(c, opts);
    log(`[${String(k).padStart(2)}/${total}] ${label} ${configLabel(p)}: numerical ${fmtTime(p.numericalSeconds)}${p.numericalExtrapolated ? ' (extrapolated)' : ''}, backprop ${fmtTime(p.backpropSeconds)} (${fmtTime((performance.now() - start) / 1000)} wall)`, true);
    return p;
  };
  const sweeps = preset.sweeps.map((sweep) => {
    const points = sweep.values.map((v) => measure(withValue(sweep.base, sweep.variable, v), `sweep ${sweep.id}`));
    table(`\n${sweep.title}\n${pointTable(points)}\n`);
    return { sweep, points, fit: fitSweep(sweep, points) };
  });
  const textbook = preset.textbook.map((c) => measure(c, 'textbook', { ...preset.measure, fullLimitSeconds: preset.textbookLimitSeconds }));
  const notes = textbook.filter((p) => p.numericalExtrapolated).map((p) => `\n* ${configLabel(p)}: numerical time extrapolated from a timed numerical gradient over ${p.numericalParams.toLocaleString('en-US')} of its ${p.params.toLocaleString('en-US')} parameters (all but W1), × P / ${p.numericalParams}`);
  table(`\nThe textbook net\n${pointTable(textbook)}${notes.join('')}\n`);
  const depthSweep = sweeps.find((s) => s.sweep.variable === 'l');
  return { sweeps, depth: depthCheck(depthSweep?.points ?? []), textbook };
}

function machine(): Record<string, unknown> {
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return null;
    }
  })();
  return {
    cpu: cpus()[0]?.model ?? 'unknown', logicalCores: cpus().length, totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version, matmulBackend: getBackend(), platform: `${platform()} ${arch()}`, commit, date: new Date().toISOString(),
  };
}

/** Writes the JSON (unless `json` is false) and the SVG charts; returns the file names. */
export function writeResults(result: StudyResult, dir: string, extra: Record<string, unknown>, json = true): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ...(json ? [['seed-study.json', `${JSON.stringify({ ...extra, eps: EPS, dtype: 'float64', ...result }, null, 2)}\n`] as [string, string]] : []),
    ...result.sweeps.map((s): [string, string] => [`seed-${s.sweep.id}.svg`, sweepChart(s.sweep, s.points, s.fit)]),
    ['seed-ratio-depth.svg', depthChart(result.sweeps.find((s) => s.sweep.variable === 'l')?.points ?? [], result.depth)],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--replot')) {
    // redraw the charts from a recorded run without measuring again
    const dir = resolve(args[args.indexOf('--replot') + 1] ?? 'bench/results');
    const recorded = JSON.parse(readFileSync(join(dir, 'seed-study.json'), 'utf8')) as StudyResult;
    console.log(`Wrote ${writeResults(recorded, dir, {}, false).join(', ')}`);
    return;
  }
  const quick = args.includes('--quick');
  const outAt = args.indexOf('--out');
  const dir = outAt >= 0 ? resolve(args[outAt + 1] ?? '.') : quick ? null : resolve('bench/results');
  const tty = process.stderr.isTTY === true;
  const log = (line: string, done: boolean): void => {
    if (tty) process.stderr.write(`\r\x1b[2K${line}${done ? '\n' : ''}`);
    else if (done) process.stderr.write(`${line}\n`);
  };
  const info = machine();
  console.log(`Seed study: numerical gradient (central differences, eps ${EPS}) vs backprop, float64, on ${info.cpu} (${info.logicalCores} cores), Node ${info.node}`);
  const start = performance.now();
  const result = runStudy(quick ? QUICK : FULL, log, (s) => console.log(s));
  const wallSeconds = (performance.now() - start) / 1000;
  const fits = result.sweeps.map((s) => s.fit);
  console.log('\nExponents of time against the swept size: predicted (asymptotic; cost model over the swept sizes) vs measured (all points; three largest)');
  console.log(exponentTable(result.sweeps.map((s) => s.sweep), fits));
  console.log('\nThe numerical gradient is 2P loss evaluations, so its exponent is that of P plus that of one forward pass (measured):');
  console.log(decompositionTable(result.sweeps.map((s) => s.sweep), fits));
  console.log('\nDepth: is the numerical/backprop ratio linear or exponential in l?');
  console.log(depthSummary(result.depth));
  const all = [...result.sweeps.flatMap((s) => s.points), ...result.textbook];
  console.log('');
  for (const tb of result.textbook) {
    console.log(`${configLabel(tb)}: numerical/backprop = ${Math.round(tb.ratio).toLocaleString('en-US')}${tb.numericalExtrapolated ? ' (numerical time extrapolated)' : ''}; fwd+bwd/fwd = ${tb.cheapRatio.toFixed(2)}`);
  }
  const cheap = all.map((p) => p.cheapRatio);
  console.log(`fwd+bwd/fwd over all ${all.length} configurations: median ${median(cheap).toFixed(2)}, range ${Math.min(...cheap).toFixed(2)} … ${Math.max(...cheap).toFixed(2)}`);
  const disagree = all.filter((p) => !p.agreement.allClose);
  console.log(disagree.length === 0 ? 'Backprop and numerical gradients agree on every configuration.' : `Gradients DISAGREE on: ${disagree.map(configLabel).join(', ')}`);
  console.log(`Wall time of the measurements: ${wallSeconds.toFixed(1)} s`);
  if (dir !== null) {
    const files = writeResults(result, dir, { machine: info, wallSeconds, preset: quick ? 'quick' : 'full' });
    console.log(`Wrote ${files.join(', ')}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
