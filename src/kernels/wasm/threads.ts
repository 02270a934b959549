// Helper threads for big matmuls: worker_threads in Node, Web Workers in browsers, sharing one WebAssembly.Memory.
// Nothing here is imported statically from Node: worker_threads comes from process.getBuiltinModule when it exists.
import { matmulModuleBytes } from './matmul-module.js';
import { FN_NAMES, MAX_PAGES, setWasmMatmulInstance, wasmApi, wasmMatmulInstance, type Kernel, type WasmMatmul } from './matmul-wasm.js';

// Control block per helper (Int32 slots): [0] sequence number (−1: stop), [1] number of calls, then per call
// CALL slots: an index into FN_NAMES and up to 11 arguments; [DONE] the last sequence number done.
const CALL = 12;
const MAX_CALLS = 2;
const SEQ = 0, NCALLS = 1, CALLS = 2, DONE = CALLS + MAX_CALLS * CALL;
const SLOT = 32;

// How long a helper keeps polling for the next job before it blocks, and how long the caller polls for a helper
// to finish before it blocks: products come in bursts (a training step), and waking a blocked thread costs
// tens of microseconds, a large share of a product of a few million multiply-adds.
const SPIN_MS = 0.2;
/** The least time a helper gets to finish its share after the caller finished its own, before it counts as hung. */
const HUNG_MIN_MS = 1000;

// The helper's whole program; it polls for SPIN_MS after a job, then blocks in Atomics.wait.
const WORKER_SOURCE = `
const start = (d) => {
  const inst = new WebAssembly.Instance(d.module, { env: { mem: d.memory } });
  const fns = ${JSON.stringify(FN_NAMES)}.map((k) => inst.exports[k]);
  const c = new Int32Array(d.ctrl);
  const b = d.slot * ${SLOT};
  let seq = 0;
  d.ready();
  const now = typeof performance === 'object' ? () => performance.now() : () => Date.now();
  for (;;) {
    const until = now() + ${SPIN_MS};
    for (let i = 1; Atomics.load(c, b + ${SEQ}) === seq && ((i & 1023) !== 0 || now() < until); i++);
    Atomics.wait(c, b + ${SEQ}, seq);
    seq = Atomics.load(c, b + ${SEQ});
    if (seq < 0) return;
    for (let j = 0, n = c[b + ${NCALLS}]; j < n; j++) {
      const a = b + ${CALLS} + j * ${CALL} + 1;
      fns[c[a - 1]](c[a], c[a + 1], c[a + 2], c[a + 3], c[a + 4], c[a + 5], c[a + 6], c[a + 7], c[a + 8], c[a + 9], c[a + 10]);
    }
    Atomics.store(c, b + ${DONE}, seq);
    Atomics.notify(c, b + ${DONE});
  }
};
if (typeof self === 'undefined') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (d) => start({ ...d, ready: () => parentPort.postMessage('ready') }));
} else {
  self.onmessage = (e) => start({ ...e.data, ready: () => self.postMessage('ready') });
}
`;

interface Helper {
  terminate(): unknown;
}
type WorkerCtor = new (source: string, options?: object) => {
  postMessage(m: unknown): void;
  terminate(): unknown;
  unref?(): void;
  once?(ev: string, f: (m: unknown) => void): void;
  onmessage?: ((e: { data: unknown }) => void) | null;
  onerror?: ((e: unknown) => void) | null;
};

type WorkerLike = InstanceType<WorkerCtor>;
type MakeWorker = (onReady: () => void, onError: (e: unknown) => void) => WorkerLike;

let helpers: Helper[] = [];
let ctrl: Int32Array | null = null;
let single: WasmMatmul | null = null;
let threaded: WasmMatmul | null = null;

/** A way to start a worker from source text here: Node's worker_threads, or a Web Worker from a Blob URL. */
function workerFactory(): MakeWorker | null {
  const g = globalThis as {
    process?: { getBuiltinModule?: (id: string) => { Worker: WorkerCtor } | undefined };
    Worker?: WorkerCtor;
    Blob?: new (parts: string[], o: object) => object;
    URL?: { createObjectURL?: (b: object) => string };
    crossOriginIsolated?: boolean;
  };
  const nodeWorkers = g.process?.getBuiltinModule?.('node:worker_threads');
  if (nodeWorkers) {
    return (onReady, onError) => {
      // execArgv: [] so the helper does not inherit flags meant for the main script (--input-type=module would
      // make the helper's CommonJS source fail; loaders would only slow its start)
      const w = new nodeWorkers.Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
      const events = w as unknown as { once(ev: string, f: (m: unknown) => void): void };
      // referenced until it reports ready (so the await in enableThreads is not cut short), then unreferenced:
      // a helper must never keep the process alive (a 'message' listener added later would ref it again)
      events.once('message', () => {
        w.unref?.();
        onReady();
      });
      events.once('error', onError);
      return w;
    };
  }
  if (g.Worker && g.Blob && g.URL?.createObjectURL && g.crossOriginIsolated === true) {
    const url = g.URL.createObjectURL(new g.Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    const W = g.Worker;
    return (onReady, onError) => {
      const w = new W(url);
      w.onmessage = () => onReady();
      w.onerror = onError;
      return w;
    };
  }
  return null;
}

/**
 * Starts helper threads so that big float matrix products (from about 4 million multiply-adds) run on several
 * cores. Needs WebAssembly SIMD with shared memory: Node ≥ 20.16 (`worker_threads`), or a cross-origin-isolated
 * page (Web Workers + `SharedArrayBuffer`). Where that is missing it does nothing and resolves to 1.
 * The calling thread waits for its helpers with `Atomics.wait` (a spin on a browser's main thread).
 * @param threads - total threads including the caller (default 2).
 * @returns the number of threads products now use.
 * @category Ops
 * @example
 * ```ts
 * import { enableThreads, disableThreads, matmul, Tensor } from 'tinygrad-ts';
 * const n = await enableThreads(2);
 * const a = Tensor.ones([256, 256]);
 * console.log(n >= 1, matmul(a, a).shape); // true [256, 256]
 * disableThreads();
 * ```
 */
export async function enableThreads(threads = 2): Promise<number> {
  if (!Number.isInteger(threads) || threads < 1) return helpers.length + 1;
  disableThreads();
  const wa = wasmApi();
  const base = wasmMatmulInstance();
  const makeWorker = workerFactory();
  if (!wa || !base || !makeWorker || threads === 1 || typeof SharedArrayBuffer === 'undefined') return 1;
  let memory;
  let module: object;
  let exports: Record<string, unknown>;
  try {
    const bytes = matmulModuleBytes(MAX_PAGES);
    if (!wa.validate(bytes)) return 1;
    memory = new wa.Memory({ initial: Math.max(16, base.memory.buffer.byteLength / 65536), maximum: MAX_PAGES, shared: true });
    module = new wa.Module(bytes);
    exports = new wa.Instance(module, { env: { mem: memory } }).exports;
  } catch {
    return 1;
  }
  const block = new Int32Array(new SharedArrayBuffer(4 * SLOT * (threads - 1)));
  const started: Helper[] = [];
  try {
    await Promise.all(
      Array.from({ length: threads - 1 }, (_, slot) => new Promise<void>((resolve, reject) => {
        const w = makeWorker(() => resolve(), reject);
        started.push(w);
        w.postMessage({ module, memory, ctrl: block.buffer, slot });
      })),
    );
  } catch {
    for (const w of started) void w.terminate();
    return 1;
  }
  helpers = started;
  ctrl = block;
  single = base;
  const fns = FN_NAMES.map((k) => exports[k] as Kernel);
  threaded = { memory, fns, parallel: (jobs) => runJobs(fns, jobs), threads };
  setWasmMatmulInstance(threaded);
  return threads;
}

/** Switches between the started helpers and the calling thread alone without stopping them (the benchmark interleaves both). @internal */
export function useThreads(on: boolean): void {
  if (threaded && single) setWasmMatmulInstance(on ? threaded : single);
}

/**
 * Stops the helper threads started by {@link enableThreads}; products run on the calling thread again.
 * @category Ops
 * @example
 * ```ts
 * import { disableThreads } from 'tinygrad-ts';
 * disableThreads(); // harmless when no threads were started
 * ```
 */
export function disableThreads(): void {
  if (ctrl) {
    for (let h = 0; h < helpers.length; h++) {
      Atomics.store(ctrl, h * SLOT + SEQ, -1);
      Atomics.notify(ctrl, h * SLOT + SEQ);
    }
  }
  for (const w of helpers) void w.terminate();
  helpers = [];
  ctrl = null;
  if (single) setWasmMatmulInstance(single);
  single = null;
  threaded = null;
}

/**
 * Job 0 on the calling thread, job j on helper j − 1 (a job: calls `[fn, ...args]`); returns when all are done.
 * A helper that has not finished long after the caller finished its own share (it died, or its thread was
 * terminated) is not waited for forever: the caller runs that job itself — the same kernel on the same rows
 * gives the same values — and the helpers are stopped, so later products run on the calling thread.
 */
function runJobs(fns: readonly Kernel[], jobs: ReadonlyArray<ReadonlyArray<readonly number[]>>): void {
  const c = ctrl as Int32Array;
  const waiting: Array<[number, number, number]> = [];
  for (let j = 1; j < jobs.length; j++) {
    const s = (j - 1) * SLOT;
    const seq = (Atomics.load(c, s + SEQ) + 1) & 0x3fffffff;
    const calls = jobs[j] as ReadonlyArray<readonly number[]>;
    c[s + NCALLS] = calls.length;
    calls.forEach((call, i) => c.set(call, s + CALLS + i * CALL));
    Atomics.store(c, s + SEQ, seq);
    Atomics.notify(c, s + SEQ);
    waiting.push([s, seq, j]);
  }
  const run = (calls: ReadonlyArray<readonly number[]>): void => {
    for (const [fn, ...args] of calls) (fns[fn as number] as Kernel)(...args);
  };
  const start = performance.now();
  run(jobs[0] as ReadonlyArray<readonly number[]>);
  // the helpers' shares are no larger than the caller's: twenty times its time (and at least a second) is a hang
  const deadline = performance.now() + Math.max(HUNG_MIN_MS, 20 * (performance.now() - start));
  let hung = false;
  for (const [s, seq, j] of waiting) {
    const until = performance.now() + SPIN_MS;
    for (let i = 1; Atomics.load(c, s + DONE) !== seq && ((i & 1023) !== 0 || performance.now() < until); i++);
    for (;;) {
      const done = Atomics.load(c, s + DONE);
      if (done === seq) break;
      if (performance.now() > deadline) {
        run(jobs[j] as ReadonlyArray<readonly number[]>);
        hung = true;
        break;
      }
      try {
        Atomics.wait(c, s + DONE, done, 50);
      } catch {
        // a browser's main thread may not block: spin
      }
    }
  }
  if (hung) {
    disableThreads();
    console.warn('tinygrad-ts: a helper thread stopped responding; products run on the calling thread again (call enableThreads() to restart them)');
  }
}

/** Stops helper `i` without telling the library, as a crash would (for tests). @internal */
export function _killHelperForTest(i: number): void {
  void helpers[i]?.terminate();
}
