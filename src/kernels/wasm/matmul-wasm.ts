// Runs the generated SIMD matmul: copies A in and packs it in quads of rows (in WebAssembly), packs wide op(B)
// into 32-byte panels (narrow B is read in place), calls the kernel, copies C out. Transposes only change how
// the operands are packed.
import type { TypedArray } from '../../dtype.js';
import { elementwiseModuleBytes, EW_NAMES } from './elementwise-module.js';
import { matmulModuleBytes, PANEL_BYTES, TILE_ROWS } from './matmul-module.js';

/** @internal */
export type Kernel = (...args: number[]) => void;

/**
 * The module's functions, in the order of {@link WasmMatmul.fns}: the matmuls (float32, float64), the packers
 * of groups of 4 rows (float32, float64: A, a transposed B, the matrix transpose), of A stored k×m (float32,
 * float64), and of B stored k×n into panels (see pack-module.ts). @internal
 */
export const MM_NAMES = ['mm32', 'mm64', 'pr32', 'pr64', 'pt32', 'pt64', 'pn'] as const;
/** Every function: the matmul module's, then the elementwise module's (elementwise-module.ts). @internal */
export const FN_NAMES = [...MM_NAMES, ...EW_NAMES] as const;
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

/**
 * A product split into `chunks` chunks of `size` quads of rows of C (the last one `last` quads), run by whichever
 * thread takes each next: chunk i makes every call `[fn, ...args]` with args[j] + i·steps[j], and with its
 * argument `count` (the number of quads) set to `size`, or `last` for the last chunk. @internal
 */
export interface ChunkedJob {
  readonly chunks: number;
  readonly size: number;
  readonly last: number;
  readonly calls: ReadonlyArray<{ readonly fn: number; readonly args: readonly number[]; readonly steps: readonly number[]; readonly count: number }>;
}

/** The compiled kernels and their memory; `parallel` splits big products across threads (see threads.ts). @internal */
export interface WasmMatmul {
  readonly memory: WasmMemory;
  /** Indexed like {@link FN_NAMES}. A packer's arguments are (src, dst, quads, k, m): whole quads of op(A). */
  readonly fns: readonly Kernel[];
  /**
   * Runs a job's chunks on the caller and the helper threads, returning true when all are done, false when a
   * helper failed (threads are then off, and the product must be computed again). Null when threads are off.
   */
  readonly parallel: ((job: ChunkedJob) => boolean) | null;
  /** Threads `parallel` runs on, the caller included. */
  readonly threads: number;
}

/** Memory pages (64 KiB) the kernels may use: 1 GiB. @internal */
export const MAX_PAGES = 1 << 14;
const MAX_BYTES = MAX_PAGES * 65536; // addresses must stay positive i32s; larger products use the TypeScript kernel
// Packing B into panels pays for its copy (a panel read from L1 instead of k strided rows) from this width on, and
// from this many rows of A on (fewer rows reuse each panel too few times), or at once when B must be transposed.
const PACK_MIN_N = 16;
const PACK_MIN_M = 32;
const PARALLEL_MIN_WORK = 1 << 22; // multiply-adds (~128·180·180) from which waking a helper thread pays
const CHUNKS_PER_THREAD = 4; // chunks per thread of a threaded product: more balance the load, fewer reuse B more
/** The most chunks a threaded product is split into. @internal */
export const MAX_CHUNKS = 64;
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

/**
 * Compiles and instantiates both modules on `memory` (shared, of at most `sharedMax` pages, for threads): the
 * functions in {@link FN_NAMES} order, and the compiled matmul module (for helper threads). Throws where the engine
 * lacks WebAssembly SIMD or may not compile. @internal
 */
export function instantiate(wa: WasmApi, memory: WasmMemory, sharedMax?: number): { fns: Kernel[]; matmulModule: object } {
  const fns: Kernel[] = [];
  let matmulModule: object | undefined;
  for (const bytes of [matmulModuleBytes(sharedMax), elementwiseModuleBytes(sharedMax)]) {
    if (!wa.validate(bytes)) throw new Error('no WebAssembly SIMD'); // the engine rejects v128
    const module = new wa.Module(bytes);
    matmulModule ??= module;
    const exports = new wa.Instance(module, { env: { mem: memory } }).exports;
    for (const k of FN_NAMES) if (k in exports) fns[FN_NAMES.indexOf(k)] = exports[k] as Kernel;
  }
  return { fns, matmulModule: matmulModule as object };
}

/** Compiles the modules once (synchronously: each is under 4 KiB, which browsers allow on the main thread). */
function load(): WasmMatmul | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    const wa = wasmApi();
    if (typeof wa !== 'object' || typeof wa.validate !== 'function') return null;
    const memory = new wa.Memory({ initial: 16 });
    instance = { memory, fns: instantiate(wa, memory).fns, parallel: null, threads: 1 };
  } catch {
    instance = null; // no SIMD, or e.g. a Content-Security-Policy without 'wasm-unsafe-eval'
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
  // B is packed into panels so a panel stays in L1, except when narrow or when A has few rows: then it is read
  // in place. A is always packed in quads of rows. Both are first copied as given, then packed by WebAssembly.
  const packedB = n >= PACK_MIN_N && (m >= PACK_MIN_M || transB);
  const quads = Math.ceil(m / TILE_ROWS);
  const rows = quads * TILE_ROWS; // the kernel computes whole quads: C gets the padding rows
  const aBytes = align(rows * k * es);
  const bBytes = align(packedB ? np * k * PANEL_BYTES : k * n * es) + PANEL_BYTES; // slack: the last panel reads past n
  // Rows go in chunks of whole quads, taken by whichever thread is free (one chunk without threads). Each chunk's
  // rows in C are followed by a gap: its last row's last panel stores past n there, never into another chunk's rows.
  const threaded = w.parallel !== null && m * k * n >= PARALLEL_MIN_WORK && quads >= 2;
  const size = threaded ? Math.ceil(quads / Math.min(MAX_CHUNKS, CHUNKS_PER_THREAD * w.threads)) : quads;
  const chunks = Math.ceil(quads / size);
  const cStep = size * TILE_ROWS * n * es + PANEL_BYTES; // from one chunk's rows of C to the next
  const cBytes = chunks * cStep;
  // A and B as given, before packing, with slack: the packers read whole quads and whole panels past their ends
  const rawBytes = align(rows * k * es) + PANEL_BYTES;
  const rawBBytes = packedB || transB ? align(np * PANEL_BYTES * k) + PANEL_BYTES : 0;
  const view = reserve(w, aBytes + bBytes + cBytes + rawBytes + rawBBytes, f64);
  if (!view) return false;
  const bPtr = aBytes;
  const cPtr = aBytes + bBytes;
  const rawPtr = cPtr + cBytes;
  // every copy converts when an operand's dtype differs from C's
  const rawAt = rawPtr / es;
  view.set(a.subarray(aOff, aOff + m * k), rawAt);
  view.fill(0, rawAt + m * k, (rawPtr + rawBytes) / es); // the rows past m are zeros, not stale values
  const bAt = bPtr / es;
  if (packedB || transB) {
    const rawB = rawPtr + rawBytes;
    view.set(b.subarray(bOff, bOff + k * n), rawB / es);
    view.fill(0, rawB / es + k * n, (rawB + rawBBytes) / es);
    if (packedB) packB(w, rawB, bPtr, transB, f64, k, n, np);
    else transposeIn(w, view, rawB, bPtr, n, k, f64); // a narrow B stored n×k, read in place as k×n
  } else view.set(b.subarray(bOff, bOff + k * n), bAt);
  const ldb = packedB ? PANEL_BYTES : n * es;
  const pstride = packedB ? k * PANEL_BYTES : PANEL_BYTES;
  const dt = f64 ? 1 : 0;
  // a chunk packs its quads of A (a partial last quad reads zeros or the next values, both only reach C's padding
  // rows), then multiplies them by every panel of B
  const aStep = size * k * TILE_ROWS * es;
  const pack = transA
    ? { fn: PACK_COLS + dt, args: [rawPtr, 0, size, k, m], steps: [size * TILE_ROWS * es, aStep, 0, 0, 0], count: 2 }
    : {
        fn: PACK_ROWS + dt,
        args: [rawPtr, 0, size, k, TILE_ROWS * k * es, TILE_ROWS * k * es, TILE_ROWS * es],
        steps: [aStep, aStep, 0, 0, 0, 0, 0],
        count: 2,
      };
  const mm = { fn: MM + dt, args: [0, bPtr, cPtr, size, k, np, n * es, ldb, pstride], steps: [aStep, 0, cStep, 0, 0, 0, 0, 0, 0], count: 3 };
  if (chunks === 1) {
    for (const call of [pack, mm]) (w.fns[call.fn] as Kernel)(...call.args);
  } else {
    const done = (w.parallel as NonNullable<WasmMatmul['parallel']>)({ chunks, size, last: quads - (chunks - 1) * size, calls: [pack, mm] });
    if (!done) return matmulWasm(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n); // on the calling thread alone now
  }
  for (let i = 0; i < chunks; i++) {
    const r0 = i * size * TILE_ROWS;
    const at = (cPtr + i * cStep) / es;
    c.set(view.subarray(at, at + Math.min(size * TILE_ROWS, m - r0) * n), cOff + r0 * n);
  }
  return true;
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

/** A view of the module's memory, grown to at least `bytes`; null past the cap or when it cannot grow. @internal */
export function reserve(w: WasmMatmul, bytes: number, f64: boolean): TypedArray | null {
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

/** `bytes` rounded up to a whole v128. @internal */
export function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/**
 * Packs op(B) (k×n; B stored n×k when `transB`), copied as given to byte `raw` with zeros after it, into np
 * 32-byte column panels at byte `dst`: panel jp holds columns jp·nr … jp·nr+nr−1 row after row. A last, partial
 * panel's columns past n hold the next row's first values (or zeros): they only reach C's columns past n, which
 * the kernel's stores overwrite or leave in a gap.
 */
function packB(w: WasmMatmul, raw: number, dst: number, transB: boolean, f64: boolean, k: number, n: number, np: number): void {
  const es = f64 ? 8 : 4;
  if (!transB) {
    (w.fns[PACK_PANELS] as Kernel)(raw, dst, np, k, n * es);
  } else if (f64) {
    // a float64 panel (4 columns) is one group of 4 rows of the stored B, like a quad of A
    (w.fns[PACK_ROWS + 1] as Kernel)(raw, dst, np, k, 4 * k * es, k * PANEL_BYTES, PANEL_BYTES);
  } else {
    // a float32 panel (8 columns) is two groups of 4 rows: the even groups fill its left halves, the odd its right
    const half = w.fns[PACK_ROWS] as Kernel;
    half(raw, dst, np, k, 8 * k * es, k * PANEL_BYTES, PANEL_BYTES);
    half(raw + 4 * k * es, dst + 16, np, k, 8 * k * es, k * PANEL_BYTES, PANEL_BYTES);
  }
}
