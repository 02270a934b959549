// `npm run bench`: tinygrad-ts against TensorFlow.js (cpu, wasm) and jax-js (wasm eager, jit), interleaved, same inputs.
// Options (env): BENCH_BUDGET_S seconds per row (default 12), BENCH_ROWS=matmul,mlp,tape,chain, BENCH_SIZES=256,512,1024,
// BENCH_ONLY=tinygrad,jit (contenders whose name contains one of these).
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ratioChart, type RatioBar } from './chart.js';
import { fmt, summarize, type Summary } from './stats.js';
import { tinygrad } from './contenders/tinygrad.js';
import { tfjs } from './contenders/tfjs.js';
import { jax } from './contenders/jax.js';
import * as tg from '../src/index.js';
import type { Contender, Job, Variant } from './contenders/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const budgetMs = Number(process.env.BENCH_BUDGET_S ?? 12) * 1000;
const rowsWanted = new Set((process.env.BENCH_ROWS ?? 'matmul,mlp,tape,chain').split(','));
const sizes = (process.env.BENCH_SIZES ?? '256,512,1024').split(',').map(Number);
const MIN_SAMPLE_MS = 25; // fast jobs repeat inside one sample so the timer's resolution does not matter

interface Row {
  readonly id: string;
  readonly unit: 'GFLOP/s' | 'ms' | 'µs/op';
  readonly higherIsBetter: boolean;
  /** Converts ms per call into the row's unit. */
  readonly convert: (ms: number) => number;
  readonly job: (c: Contender) => Job | null;
}

interface Result {
  readonly row: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly results: Record<string, (Summary & { samples: number[]; cpu?: Summary }) | { error: string }>;
}

async function ourBackends(): Promise<Contender[]> {
  const list = tg.availableBackends();
  const out = list.map((b) => tinygrad(b));
  // the same WebAssembly kernels with one helper thread (big products only; the peers run on one thread here)
  if (list.includes('wasm') && (await tg.enableThreads(2)) === 2) out.splice(1, 0, tinygrad('wasm', true));
  return out;
}

// BENCH_ONLY=substring,substring keeps the contenders whose name contains one of them (e.g. BENCH_ONLY=tinygrad,jit)
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const contenders: Contender[] = [...(await ourBackends()), tfjs('cpu'), tfjs('wasm'), jax('eager'), jax('jit')].filter(
  (c) => !only || only.some((o) => c.name.includes(o)),
);
const ours = contenders.filter((c) => c.name.startsWith('tinygrad-ts'));
const peers = contenders.filter((c) => !c.name.startsWith('tinygrad-ts'));

const TAPE_OPS = 10_000;
const variants: Variant[] = ['AB', 'AtB', 'ABt', 'AtBt'];
const rows: Row[] = [];
if (rowsWanted.has('matmul')) {
  for (const n of sizes) {
    for (const v of variants) {
      rows.push({ id: `matmul ${n} ${v}`, unit: 'GFLOP/s', higherIsBetter: true, convert: (ms) => (2 * n ** 3) / (ms * 1e6), job: (c) => c.matmul(n, v) });
    }
  }
}
const mlpCache = new Map<Contender, ReturnType<Contender['mlp']>>();
const mlpOf = (c: Contender): ReturnType<Contender['mlp']> => {
  let m = mlpCache.get(c);
  if (!m) mlpCache.set(c, (m = c.mlp()));
  return m;
};
if (rowsWanted.has('mlp')) {
  rows.push({ id: 'mlp 784-100-10 b100 fwd', unit: 'ms', higherIsBetter: false, convert: (ms) => ms, job: (c) => mlpOf(c).forward });
  rows.push({ id: 'mlp 784-100-10 b100 fwd+bwd', unit: 'ms', higherIsBetter: false, convert: (ms) => ms, job: (c) => mlpOf(c).forwardBackward });
}
if (rowsWanted.has('tape')) {
  rows.push({ id: `tape ${TAPE_OPS} ops fwd+bwd`, unit: 'µs/op', higherIsBetter: false, convert: (ms) => (ms * 1000) / TAPE_OPS, job: (c) => c.tape(TAPE_OPS) });
}

/** Wall-clock and CPU time (ms per call) of `reps` calls; CPU time is steadier when other processes share the cores. */
async function timeOnce(job: Job, reps: number): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < reps; i++) sink += await job();
  const wall = (performance.now() - t0) / reps;
  const c = process.cpuUsage(c0);
  if (Number.isNaN(sink)) throw new Error('job returned NaN');
  return { wall, cpu: (c.user + c.system) / 1000 / reps };
}

function describeError(e: unknown): string {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return msg.split('\n')[0]!.slice(0, 120);
}

async function runRow(row: Row): Promise<Result> {
  // each row starts from a collected heap (with --expose-gc, as `npm run bench` runs it), so the garbage one row
  // leaves is not charged to the next
  (globalThis as { gc?: () => void }).gc?.();
  const jobs = new Map<Contender, { job: Job; reps: number; samples: number[]; cpu: number[] }>();
  const errors: Record<string, { error: string }> = {};
  for (const c of contenders) {
    try {
      await c.activate();
      const job = row.job(c);
      if (!job) {
        errors[c.name] = { error: 'not measured' };
        continue;
      }
      await timeOnce(job, 1); // warm-up (jit compile, wasm tier-up)
      const once = (await timeOnce(job, 1)).wall;
      jobs.set(c, { job, reps: Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(once, 1e-3))), samples: [], cpu: [] });
    } catch (e) {
      errors[c.name] = { error: describeError(e) };
    }
  }
  // rounds: until the budget is spent, at least 5 and at most 41; the order rotates so no contender always goes first
  const start = performance.now();
  const list = [...jobs.entries()];
  for (let round = 0; round < 41; round++) {
    if (round >= 5 && performance.now() - start > budgetMs) break;
    for (let k = 0; k < list.length; k++) {
      const [c, j] = list[(k + round) % list.length]!;
      await c.activate();
      try {
        const t = await timeOnce(j.job, j.reps);
        j.samples.push(t.wall);
        j.cpu.push(t.cpu);
      } catch (e) {
        errors[c.name] = { error: describeError(e) };
        jobs.delete(c);
      }
    }
  }
  const results: Result['results'] = { ...errors };
  for (const [c, j] of jobs) {
    const values = j.samples.map(row.convert);
    const cpu = j.cpu.map(row.convert);
    results[c.name] = { ...summarize(values), samples: values, cpu: summarize(cpu) };
  }
  return { row: row.id, unit: row.unit, higherIsBetter: row.higherIsBetter, results };
}

async function chainRow(ops: number): Promise<Result> {
  const results: Result['results'] = {};
  for (const c of contenders) {
    try {
      await c.activate();
      const job = c.tape(ops);
      if (!job) {
        results[c.name] = { error: 'not measured' };
        continue;
      }
      const t0 = performance.now();
      const v = await job();
      const ms = performance.now() - t0;
      results[c.name] = Number.isFinite(v) ? { ...summarize([ms]), samples: [ms] } : { error: `gradient ${v}` };
    } catch (e) {
      results[c.name] = { error: describeError(e) };
    }
  }
  return { row: `chain ${ops} ops fwd+bwd (one run)`, unit: 'ms', higherIsBetter: false, results };
}

const cell = (r: Result['results'][string] | undefined): string =>
  !r ? '—' : 'error' in r ? r.error.replace(/\|/g, '/') : `${fmt(r.median)} (${fmt(r.min)}–${fmt(r.max)})`;

/** How many times faster `a` is than `b` on this row (> 1: a wins). */
function speedup(res: Result, a: string, b: string): number | null {
  const x = res.results[a];
  const y = res.results[b];
  if (!x || !y || 'error' in x || 'error' in y) return null;
  return res.higherIsBetter ? x.median / y.median : y.median / x.median;
}

async function main(): Promise<void> {
  const load0 = loadavg();
  console.log(`# tinygrad-ts benchmark — ${new Date().toISOString()}`);
  console.log(`node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? '?'}, load average at start ${load0.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`budget ${budgetMs / 1000} s per row; medians over interleaved rounds, (min–max) of the samples\n`);
  const results: Result[] = [];
  for (const row of rows) {
    const r = await runRow(row);
    results.push(r);
    process.stderr.write(`  done: ${row.id}\n`);
  }
  if (rowsWanted.has('mlp')) {
    const f = results.find((r) => r.row.endsWith('fwd'));
    const fb = results.find((r) => r.row.endsWith('fwd+bwd'));
    if (f && fb) {
      const ratio: Result['results'] = {};
      for (const c of contenders) {
        const a = fb.results[c.name];
        const b = f.results[c.name];
        ratio[c.name] = a && b && !('error' in a) && !('error' in b)
          ? { ...summarize([a.median / b.median]), samples: [a.median / b.median] }
          : { error: 'n/a' };
      }
      results.push({ row: 'mlp (fwd+bwd) / fwd', unit: 'ratio', higherIsBetter: false, results: ratio });
    }
  }
  if (rowsWanted.has('chain')) results.push(await chainRow(100_000));
  const load1 = loadavg();

  const names = contenders.map((c) => c.name);
  console.log(`| row | unit | ${names.join(' | ')} |`);
  console.log(`|---|---|${names.map(() => '---').join('|')}|`);
  for (const r of results) console.log(`| ${r.row} | ${r.unit} | ${names.map((n) => cell(r.results[n])).join(' | ')} |`);

  console.log('\nThe same rows measured in CPU time of this process (medians; steadier than wall time on a shared machine):\n');
  console.log(`| row | unit | ${names.join(' | ')} |`);
  console.log(`|---|---|${names.map(() => '---').join('|')}|`);
  for (const r of results) {
    if (r.unit === 'ratio' || r.row.startsWith('chain')) continue;
    console.log(`| ${r.row} | ${r.unit} | ${names.map((n) => { const x = r.results[n]; return x && !('error' in x) && x.cpu ? fmt(x.cpu.median) : '—'; }).join(' | ')} |`);
  }

  console.log('\nSpeed-up of tinygrad-ts over each peer (median ÷ median, > 1 means tinygrad-ts is faster):\n');
  const pairs = ours.flatMap((o) => peers.map((p) => [o.name, p.name] as const));
  console.log(`| row | ${pairs.map(([o, p]) => `${o.replace('tinygrad-ts', 'tg')} ÷ ${p}`).join(' | ')} |`);
  console.log(`|---|${pairs.map(() => '---').join('|')}|`);
  const bars: RatioBar[] = [];
  for (const r of results) {
    if (r.unit === 'ratio') continue;
    const cells = pairs.map(([o, p]) => {
      const s = speedup(r, o, p);
      if (s !== null && o === ours[0]?.name) bars.push({ row: r.row, peer: p, ratio: s });
      return s === null ? '—' : `×${fmt(s)}`;
    });
    console.log(`| ${r.row} | ${cells.join(' | ')} |`);
  }
  console.log(`\nload average at end ${load1.map((l) => l.toFixed(2)).join(' ')}${load1[0]! > 1.2 ? ' (the machine was busy: other processes shared the 2 cores)' : ''}`);

  const outDir = join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const doc = { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, loadavg: { start: load0, end: load1 }, budgetMs, results };
  writeFileSync(join(outDir, `bench-${stamp}.json`), JSON.stringify(doc, null, 1));
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify(doc, null, 1));
  if (bars.length > 0) writeFileSync(join(outDir, 'ratios.svg'), ratioChart(bars)); // a run without peers keeps the last chart
  console.log(`\nresults: bench/results/bench-${stamp}.json (and latest.json, ratios.svg)`);
}

await main();
