// Runs the generated SIMD matmul: copies A in and packs it in quads of rows (in WebAssembly), packs wide op(B)
// into 32-byte panels (narrow B is read in place), calls the kernel, copies C out. Transposes only change how
// the operands are packed.
import type { TypedArray } from '../../dtype.js';
import { matmulModuleBytes, PANEL_BYTES, TILE_ROWS } from './matmul-module.js';

/** @internal */
export type Kernel = (...args: number[]) => void;

/**
 * The module's functions, in the order of {@link WasmMatmul.fns}: the matmuls (float32, float64), the packers
 * of groups of 4 rows (float32, float64: A, a transposed B, the matrix transpose), of A stored k×m (float32,
 * float64), and of B stored k×n into panels (see pack-module.ts). @internal
 */
export const FN_NAMES = ['mm32', 'mm64', 'pr32', 'pr64', 'pt32', 'pt64', 'pn'] as const;
const MM = 0, PACK_ROWS = 2, PACK_COLS = 4; // + 1 for float64
const PACK_PANELS = 6;

// The few WebAssembly APIs used, typed here: the library's lib settings carry no DOM or WebAssembly declarations.
/** @internal */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** @internal */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** The compiled kernels and their memory; `parallel` splits big products across threads (see threads.ts). @internal */
export interface WasmMatmul {
  readonly memory: WasmMemory;
  /** Indexed like {@link FN_NAMES}. A packer's arguments are (src, dst, quads, k, m): whole quads of op(A). */
  readonly fns: readonly Kernel[];
  /**
   * Runs one job per thread, job 0 on the caller and job j on helper j − 1: a job is a list of up to two calls,
   * each `[index into FN_NAMES, ...arguments]`. Null when threads are off.
   */
  readonly parallel: ((jobs: ReadonlyArray<ReadonlyArray<readonly number[]>>) => void) | null;
  /** Threads `parallel` runs on, the caller included. */
  readonly threads: number;
}

/** Memory pages (64 KiB) the kernels may use: 1 GiB. @internal */
export const MAX_PAGES = 1 << 14;
const MAX_BYTES = MAX_PAGES * 65536; // addresses must stay positive i32s; larger products use the TypeScript kernel
const PACK_MIN_N = 256; // from this width on, packing B into panels pays for its copy
const PARALLEL_MIN_WORK = 1 << 22; // multiply-adds (~128·180·180) from which waking a helper thread pays
let instance: WasmMatmul | null | undefined;

/** The engine's WebAssembly namespace, if any. @internal */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

/** The single-threaded kernels (compiling them on first use), or null without WebAssembly SIMD. @internal */
export function wasmMatmulInstance(): WasmMatmul | null {
  return load();
}

/** Replaces the kernels, e.g. by ones on a shared memory with helper threads. @internal */
export function setWasmMatmulInstance(next: WasmMatmul): void {
  instance = next;
}

/** Compiles the module once (synchronously: it is under 4 KiB, which browsers allow on the main thread). */
function load(): WasmMatmul | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    const wa = wasmApi();
    if (typeof wa !== 'object' || typeof wa.validate !== 'function') return null;
    const bytes = matmulModuleBytes();
    if (!wa.validate(bytes)) return null; // no SIMD support: the engine rejects v128
    const memory = new wa.Memory({ initial: 16 });
    const exports = new wa.Instance(new wa.Module(bytes), { env: { mem: memory } }).exports;
    instance = {
      memory,
      fns: FN_NAMES.map((k) => exports[k] as Kernel),
      parallel: null,
      threads: 1,
    };
  } catch {
    instance = null; // e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
  }
  return instance;
}

/** True when this engine compiles WebAssembly SIMD. @internal */
export function wasmSimdAvailable(): boolean {
  return load() !== null;
}

/**
 * C[m×n] = op(A)·op(B) on the WebAssembly SIMD kernel, in C's dtype (float32 → f32x4, float64 → f64x2).
 * @returns false when the kernel is unavailable or the operands do not fit its memory (the caller falls back).
 * @internal
 */
export function matmulWasm(
  a: TypedArray, aOff: number, transA: boolean,
  b: TypedArray, bOff: number, transB: boolean,
  c: TypedArray, cOff: number,
  m: number, k: number, n: number,
): boolean {
  const w = load();
  if (!w) return false;
  if (m === 0 || n === 0) return true;
  if (k === 0) {
    c.fill(0, cOff, cOff + m * n);
    return true;
  }
  const f64 = c instanceof Float64Array;
  const es = f64 ? 8 : 4;
  const nr = PANEL_BYTES / es; // columns per panel
  const np = Math.ceil(n / nr);
  // Wide B (n ≥ 256) is packed into panels so a panel stays in L1; narrower B is read in place. A is always
  // packed in quads of rows. Both are first copied as given, then packed by WebAssembly.
  const packedB = n >= PACK_MIN_N;
  const quads = Math.ceil(m / TILE_ROWS);
  const rows = quads * TILE_ROWS; // the kernel computes whole quads: C gets the padding rows
  const aBytes = align(rows * k * es);
  const bBytes = align(packedB ? np * k * PANEL_BYTES : k * n * es) + PANEL_BYTES; // slack: the last panel reads past n
  // rows split over threads in whole quads (one part without threads)
  const parts = w.parallel && m * k * n >= PARALLEL_MIN_WORK && quads >= 2 ? Math.min(w.threads, quads) : 1;
  const cBytes = align(rows * n * es) + parts * PANEL_BYTES; // a gap after each part: its last row's last panel stores past n
  const rawBytes = align(m * k * es); // A as given, before packing
  const rawBBytes = packedB || transB ? align(k * n * es) : 0; // B as given, before packing or transposing
  const view = reserve(w, aBytes + bBytes + cBytes + rawBytes + rawBBytes, f64);
  if (!view) return false;
  const bPtr = aBytes;
  const cPtr = aBytes + bBytes;
  const rawPtr = cPtr + cBytes;
  // every copy converts when an operand's dtype differs from C's
  view.set(a.subarray(aOff, aOff + m * k), rawPtr / es);
  const bAt = bPtr / es;
  if (packedB || transB) {
    const rawB = rawPtr + rawBytes;
    view.set(b.subarray(bOff, bOff + k * n), rawB / es);
    if (packedB) packB(w, view, rawB, bPtr, transB, f64, k, n, nr, np);
    else transposeIn(w, view, rawB, bPtr, n, k, f64); // a narrow B stored n×k, read in place as k×n
  } else view.set(b.subarray(bOff, bOff + k * n), bAt);
  const ldb = packedB ? PANEL_BYTES : n * es;
  const pstride = packedB ? k * PANEL_BYTES : PANEL_BYTES;
  const dt = f64 ? 1 : 0;
  const full = m >> 2; // whole quads: packed by WebAssembly; a last, partial quad is packed here
  // the calls for quads q0 … q0 + qs − 1, writing C at byte cp: pack that part of A, then multiply it
  const calls = (q0: number, qs: number, cp: number): number[][] => {
    const aq = q0 * k * TILE_ROWS * es; // byte offset of quad q0, packed
    const src = rawPtr + q0 * TILE_ROWS * es * (transA ? 1 : k);
    return [
      transA
        ? [PACK_COLS + dt, src, aq, Math.min(qs, full - q0), k, m]
        : [PACK_ROWS + dt, src, aq, Math.min(qs, full - q0), k, TILE_ROWS * k * es, TILE_ROWS * k * es, TILE_ROWS * es],
      [MM + dt, aq, bPtr, cp, qs, k, np, n * es, ldb, pstride],
    ];
  };
  if (full < quads) packTail(view, rawPtr, transA, m, k, full);
  if (parts === 1) {
    for (const [fn, ...args] of calls(0, quads, cPtr)) (w.fns[fn as number] as Kernel)(...args);
    c.set(view.subarray(cPtr / es, cPtr / es + m * n), cOff);
    return true;
  }
  // each part writes its rows followed by a gap, so a store spilling past column n never reaches another part's rows
  const chunk = Math.ceil(quads / parts);
  const jobs: number[][][] = [];
  for (let t = 0, q0 = 0; q0 < quads; t++, q0 += chunk) {
    jobs.push(calls(q0, Math.min(chunk, quads - q0), cPtr + q0 * TILE_ROWS * n * es + t * PANEL_BYTES));
  }
  (w.parallel as NonNullable<WasmMatmul['parallel']>)(jobs);
  for (let t = 0, q0 = 0; q0 < quads; t++, q0 += chunk) {
    const r0 = q0 * TILE_ROWS;
    const at = (cPtr + r0 * n * es + t * PANEL_BYTES) / es;
    c.set(view.subarray(at, at + Math.min(chunk * TILE_ROWS, m - r0) * n), cOff + r0 * n);
  }
  return true;
}

/**
 * Packs the last, partial quad of op(A) (rows 4·full … m − 1, zeros after them) from A's plain copy at byte
 * `raw` into its place, view[full·k·4 + p·4 + r]; the whole quads before it are packed by WebAssembly.
 */
function packTail(view: TypedArray, raw: number, transA: boolean, m: number, k: number, full: number): void {
  const rest = m - full * 4;
  const src = raw / view.BYTES_PER_ELEMENT;
  const d0 = full * k * 4;
  for (let p = 0; p < k; p++) {
    for (let r = 0; r < 4; r++) {
      const i = full * 4 + r;
      view[d0 + p * 4 + r] = r < rest ? (view[src + (transA ? p * m + i : i * k + p)] as number) : 0;
    }
  }
}

/**
 * out = the transpose of each row-major rows×cols matrix in `x` (one after another), on WebAssembly: 4×4 lane
 * shuffles instead of a JavaScript loop at ~2 ns per value. x and out share a dtype.
 * @returns false when the kernels are unavailable or a matrix does not fit their memory (the caller falls back).
 * @internal
 */
export function transposeWasm(x: TypedArray, rows: number, cols: number, out: TypedArray): boolean {
  const w = load();
  const f64 = out instanceof Float64Array;
  if (!w || (x instanceof Float64Array) !== f64) return false;
  const es = f64 ? 8 : 4;
  const size = rows * cols;
  if (size === 0) return true;
  const outPtr = align(size * es);
  const view = reserve(w, 2 * outPtr, f64);
  if (!view) return false;
  const outAt = outPtr / es;
  for (let base = 0; base < out.length; base += size) {
    view.set(x.subarray(base, base + size), 0);
    transposeIn(w, view, 0, outPtr, rows, cols, f64);
    out.set(view.subarray(outAt, outAt + size), base);
  }
  return true;
}

/** The rows×cols matrix at byte `src` of the module's memory, transposed to byte `dst`. */
function transposeIn(w: WasmMatmul, view: TypedArray, src: number, dst: number, rows: number, cols: number, f64: boolean): void {
  const es = f64 ? 8 : 4;
  const groups = rows >> 2;
  // groups of 4 rows of the source are 4-value runs in each row of the result, which is `rows` values long
  (w.fns[PACK_ROWS + (f64 ? 1 : 0)] as Kernel)(src, dst, groups, cols, 4 * cols * es, 4 * es, rows * es);
  const s = src / es;
  const d = dst / es;
  for (let i = groups * 4; i < rows; i++) for (let j = 0; j < cols; j++) view[d + j * rows + i] = view[s + i * cols + j] as number;
}

/** A view of the module's memory, grown to at least `bytes`; null past the cap or when it cannot grow. */
function reserve(w: WasmMatmul, bytes: number, f64: boolean): TypedArray | null {
  if (bytes > MAX_BYTES) return null;
  const have = w.memory.buffer.byteLength;
  if (bytes > have) {
    try {
      w.memory.grow(Math.ceil((bytes - have) / 65536));
    } catch {
      return null;
    }
  }
  return f64 ? new Float64Array(w.memory.buffer) : new Float32Array(w.memory.buffer);
}

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/**
 * Packs op(B) (k×n; B stored n×k when `transB`), copied as given to byte `raw`, into 32-byte column panels at
 * byte `dst`: panel jp holds columns jp·nr … jp·nr+nr−1 row after row, view[dst/es + jp·k·nr + p·nr + q], with
 * zeros for the columns past n. WebAssembly packs whole groups; the columns of a last, partial one are packed here.
 */
function packB(
  w: WasmMatmul, view: TypedArray, raw: number, dst: number, transB: boolean, f64: boolean,
  k: number, n: number, nr: number, np: number,
): void {
  const es = f64 ? 8 : 4;
  let done: number; // columns packed by WebAssembly
  if (!transB) {
    done = ((n / nr) | 0) * nr;
    (w.fns[PACK_PANELS] as Kernel)(raw, dst, done / nr, k, n * es);
  } else if (f64) {
    // a float64 panel (4 columns) is one group of 4 rows of the stored B, like a quad of A
    done = (n >> 2) * 4;
    (w.fns[PACK_ROWS + 1] as Kernel)(raw, dst, done / 4, k, 4 * k * es, k * PANEL_BYTES, PANEL_BYTES);
  } else {
    // a float32 panel (8 columns) is two groups of 4 rows: the even groups fill its left halves, the odd its right
    const groups = n >> 2;
    done = groups * 4;
    const half = w.fns[PACK_ROWS] as Kernel;
    half(raw, dst, (groups + 1) >> 1, k, 8 * k * es, k * PANEL_BYTES, PANEL_BYTES);
    half(raw + 4 * k * es, dst + 16, groups >> 1, k, 8 * k * es, k * PANEL_BYTES, PANEL_BYTES);
  }
  const src = raw / es;
  const at = dst / es;
  for (let j = done; j < np * nr; j++) {
    const d = at + ((j / nr) | 0) * k * nr + (j % nr);
    for (let p = 0; p < k; p++) view[d + p * nr] = j < n ? (view[src + (transB ? j * k + p : p * n + j)] as number) : 0;
  }
}
