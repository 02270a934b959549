// Naive reference implementations in plain loops over flat arrays, written apart from src/kernels:
// the property suite checks each op's forward against these.

/** A plain n-d array: row-major values and a shape. */
export interface Nd {
  readonly shape: number[];
  readonly data: number[];
}

export const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = (s[i + 1] as number) * (shape[i + 1] as number);
  return s;
}

export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % (shape[d] as number);
    flat = Math.floor(flat / (shape[d] as number));
  }
  return idx;
}

export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) flat = flat * (shape[d] as number) + (idx[d] as number);
  return flat;
}

export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`reference: cannot broadcast [${a}] and [${b}]`);
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** The value of `x` at output index `idx` of a broadcast to a larger shape. */
function at(x: Nd, idx: readonly number[]): number {
  const off = idx.length - x.shape.length;
  const own = x.shape.map((d, i) => (d === 1 ? 0 : (idx[off + i] as number)));
  return x.data[ravel(own, x.shape)] as number;
}

export function map(x: Nd, f: (v: number) => number): Nd {
  return { shape: [...x.shape], data: x.data.map(f) };
}

export function zip(a: Nd, b: Nd, f: (x: number, y: number) => number): Nd {
  const shape = broadcastShape(a.shape, b.shape);
  const data: number[] = [];
  for (let i = 0; i < size(shape); i++) {
    const idx = unravel(i, shape);
    data.push(f(at(a, idx), at(b, idx)));
  }
  return { shape, data };
}

export function expandTo(x: Nd, shape: readonly number[]): Nd {
  const data: number[] = [];
  for (let i = 0; i < size(shape); i++) data.push(at(x, unravel(i, shape)));
  return { shape: [...shape], data };
}

/** Batched matrix product with optional transposes of the last two axes and broadcast batch axes. */
export function matmul(a: Nd, b: Nd, transA: boolean, transB: boolean): Nd {
  const r = (x: Nd, t: boolean): [number, number] => {
    const p = x.shape[x.shape.length - 2] as number;
    const q = x.shape[x.shape.length - 1] as number;
    return t ? [q, p] : [p, q];
  };
  const [m, k] = r(a, transA);
  const [, n] = r(b, transB);
  const batch = broadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const get = (x: Nd, bi: number[], i: number, j: number, t: boolean): number =>
    at(x, [...bi, ...(t ? [j, i] : [i, j])]);
  const data: number[] = [];
  for (let bflat = 0; bflat < size(batch); bflat++) {
    const bi = unravel(bflat, batch);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += get(a, bi, i, p, transA) * get(b, bi, p, j, transB);
        data.push(s);
      }
    }
  }
  return { shape: [...batch, m, n], data };
}

/** Reduces `axes` with (init, step, finish); keepdims keeps them as size 1. */
export function reduce(
  x: Nd, axes: readonly number[], keepdims: boolean,
  init: number, step: (acc: number, v: number) => number, finish: (acc: number, count: number) => number = (a) => a,
): Nd {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const acc = new Array<number>(size(kept)).fill(init);
  for (let i = 0; i < x.data.length; i++) {
    const idx = unravel(i, x.shape).map((v, d) => (axes.includes(d) ? 0 : v));
    const o = ravel(idx, kept);
    acc[o] = step(acc[o] as number, x.data[i] as number);
  }
  const count = axes.reduce((c, a) => c * (x.shape[a] as number), 1);
  return { shape: keepdims ? kept : kept.filter((_, i) => !axes.includes(i)), data: acc.map((v) => finish(v, count)) };
}

export function permute(x: Nd, axes: readonly number[]): Nd {
  const shape = axes.map((a) => x.shape[a] as number);
  const data: number[] = [];
  for (let i = 0; i < size(shape); i++) {
    const idx = unravel(i, shape);
    const src = new Array<number>(axes.length);
    axes.forEach((a, d) => (src[a] = idx[d] as number));
    data.push(x.data[ravel(src, x.shape)] as number);
  }
  return { shape, data };
}

/** Softmax or log-softmax along `axis`, with the maximum subtracted. */
export function softmax(x: Nd, axis: number, log: boolean): Nd {
  const data = [...x.data];
  const n = x.shape[axis] as number;
  const st = strides(x.shape)[axis] as number;
  for (let i = 0; i < x.data.length; i++) {
    if ((unravel(i, x.shape)[axis] as number) !== 0) continue; // i starts a line along axis
    const line = Array.from({ length: n }, (_, j) => x.data[i + j * st] as number);
    const m = Math.max(...line);
    const z = line.reduce((s, v) => s + Math.exp(v - m), 0);
    line.forEach((v, j) => (data[i + j * st] = log ? v - m - Math.log(z) : Math.exp(v - m) / z));
  }
  return { shape: [...x.shape], data };
}

/** Per row of the last axis: Σ_j t_j·(logsumexp(z) − z_j). */
export function crossEntropy(z: Nd, t: Nd): Nd {
  const c = z.shape[z.shape.length - 1] as number;
  const rows = z.data.length / c;
  const data: number[] = [];
  for (let r = 0; r < rows; r++) {
    const line = z.data.slice(r * c, r * c + c);
    const m = Math.max(...line);
    const lse = m + Math.log(line.reduce((s, v) => s + Math.exp(v - m), 0));
    let loss = 0;
    for (let j = 0; j < c; j++) loss += (t.data[r * c + j] as number) * (lse - (line[j] as number));
    data.push(loss);
  }
  return { shape: z.shape.slice(0, -1), data };
}

/** Softmax cross-entropy's backward per row: g_r·(softmax(z_r)_j·Σ_k t_rk − t_rj). */
export function crossEntropyGrad(g: Nd, z: Nd, t: Nd): Nd {
  const c = z.shape[z.shape.length - 1] as number;
  const p = softmax(z, z.shape.length - 1, false);
  const data = z.data.map((_, i) => {
    const r = Math.floor(i / c);
    const total = t.data.slice(r * c, r * c + c).reduce((a, b) => a + b, 0);
    return (g.data[r] as number) * ((p.data[i] as number) * total - (t.data[i] as number));
  });
  return { shape: [...z.shape], data };
}

/** Index of the first maximum along `axis` (or of the flattened tensor when axis is null). */
export function argmax(x: Nd, axis: number | null, keepdims: boolean): Nd {
  if (axis === null) {
    let best = 0;
    x.data.forEach((v, i) => (v > (x.data[best] as number) ? (best = i) : 0));
    return { shape: keepdims ? x.shape.map(() => 1) : [], data: [best] };
  }
  const idxOf = reduce({ shape: x.shape, data: x.data.map((_, i) => i) }, [axis], keepdims, -1, (acc, i) =>
    acc === -1 || (x.data[i] as number) > (x.data[acc] as number) ? i : acc,
  );
  return { shape: idxOf.shape, data: idxOf.data.map((i) => unravel(i, x.shape)[axis] as number) };
}
