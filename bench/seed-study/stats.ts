// Timing and fitting helpers for the seed study: medians over repeats, least-squares slopes.

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A timed function: median seconds per call over groups of calls, by CPU time and by wall clock, and the last result. */
export interface Timed<T> {
  /** Median CPU seconds (user + system) per call: what the call costs, unaffected by other jobs taking the cores. */
  readonly seconds: number;
  /** Median wall-clock seconds per call (inflated whenever the shared machine preempts us). */
  readonly wallSeconds: number;
  /** Calls made in total. */
  readonly reps: number;
  readonly result: T;
  /** CPU and wall seconds per call of every group (the medians' samples), to pool with another session. */
  readonly samples: { readonly cpu: readonly number[]; readonly wall: readonly number[] };
}

/** Pools two timing sessions of the same function (e.g. before and after a long run) into one median. */
export function pooled<T>(a: Timed<T>, b: Timed<T>): Timed<T> {
  const cpu = [...a.samples.cpu, ...b.samples.cpu];
  const wall = [...a.samples.wall, ...b.samples.wall];
  return { seconds: median(cpu), wallSeconds: median(wall), reps: a.reps + b.reps, result: b.result, samples: { cpu, wall } };
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Times `fn` in groups of calls, each group lasting about `groupMs` (so CPU-clock granularity and garbage
 * collection are amortised as in a long loop), for at least `minGroups` groups and while the total stays under
 * `budgetMs`; returns the medians per call. A slow `fn` (≥ groupMs) is called once per group.
 */
export function timeIt<T>(fn: () => T, budgetMs: number, minGroups = 1, groupMs = 20, maxGroups = 15): Timed<T> {
  let t0 = cpuNow();
  let w0 = performance.now();
  let result = fn();
  const first = [cpuNow() - t0, (performance.now() - w0) / 1000];
  // size groups by the wall clock (finer-grained than the CPU clock for a first microsecond-scale call)
  const perGroup = Math.min(10_000, Math.max(1, Math.ceil(groupMs / 1000 / Math.max(first[1] as number, 1e-6))));
  if (perGroup === 1 && minGroups <= 1 && (first[0] as number) * 1000 * 2 > budgetMs) {
    return { seconds: first[0] as number, wallSeconds: first[1] as number, reps: 1, result, samples: { cpu: [first[0] as number], wall: [first[1] as number] } };
  }
  const cpu: number[] = [];
  const wall: number[] = [];
  let total = 0;
  let reps = 1;
  while (cpu.length < maxGroups && (cpu.length < minGroups || total < budgetMs / 1000)) {
    t0 = cpuNow();
    w0 = performance.now();
    for (let i = 0; i < perGroup; i++) result = fn();
    const c = cpuNow() - t0;
    cpu.push(c / perGroup);
    wall.push((performance.now() - w0) / 1000 / perGroup);
    total += c;
    reps += perGroup;
  }
  return { seconds: median(cpu), wallSeconds: median(wall), reps, result, samples: { cpu, wall } };
}

/** Least-squares fit y = a + b·x; returns [a, b]. */
export function linearFit(xs: readonly number[], ys: readonly number[]): [number, number] {
  const k = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / k;
  const my = ys.reduce((s, v) => s + v, 0) / k;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) ** 2;
  });
  const b = sxx === 0 ? NaN : sxy / sxx;
  return [my - b * mx, b];
}

/** The log-log slope of y against x (the exponent p of y ∝ x^p) and its prefactor: y ≈ c·x^p. */
export function powerFit(xs: readonly number[], ys: readonly number[]): { exponent: number; coefficient: number } {
  const [a, b] = linearFit(xs.map(Math.log), ys.map(Math.log));
  return { exponent: b, coefficient: Math.exp(a) };
}

/** Root-mean-square relative error of a model's predictions. */
export function rmsRelError(ys: readonly number[], predicted: readonly number[]): number {
  const s = ys.reduce((acc, y, i) => acc + (((predicted[i] as number) - y) / y) ** 2, 0);
  return Math.sqrt(s / ys.length);
}
