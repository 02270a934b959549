// Helper threads for big matmuls: worker_threads in Node, Web Workers in browsers, sharing one WebAssembly.Memory.
// Nothing here is imported statically from Node: worker_threads comes from process.getBuiltinModule when it exists.
import { instantiate, MM_NAMES, MAX_PAGES, setWasmMatmulInstance, wasmApi, wasmMatmulInstance, MAX_CHUNKS, type ChunkedJob, type Kernel, type WasmMatmul } from './matmul-wasm.js';

// The control block (Int32 slots, each group on its own 64-byte line): [NEXT] the ticket counter, [DONE] how many
// chunks are finished, [SEQ] the job's number (−1: stop), [DESC …] the job (see ChunkedJob): chunks, size, last,
// number of calls, then per call the function's index into FN_NAMES, the count argument's index, ARGS arguments
// and ARGS steps; [ACK + 16h] the last job helper h saw.
const ARGS = 11;
const CALL = 2 + 2 * ARGS;
const MAX_CALLS = 2;
const NEXT = 0, DONE = 16, SEQ = 32, DESC = 48, CALLS = DESC + 4;
const ACK = Math.ceil((CALLS + MAX_CALLS * CALL) / 16) * 16;
// NEXT holds job · 256 + the next chunk: the caller sets it to job · 256 to open a job and to CLOSED when the job
// is done. A helper takes a ticket only when it names its own job and a chunk below the count (compare-exchange),
// so a helper that wakes late, or read a job's description while the next one was being written, takes nothing.
// Job numbers run from 1 to MAX_JOB; fewer than 256 tickets are taken per job (MAX_CHUNKS + 1).
const TICKET_BITS = 8;
const MAX_JOB = (1 << 22) - 2;
const CLOSED = (MAX_JOB + 1) << TICKET_BITS;

// How long a helper keeps polling for the next job before it blocks, and how long the caller polls for the last
// chunks to finish before it blocks: products come in bursts (a training step), and waking a blocked thread costs
// tens of microseconds, a large share of a product of a few million multiply-adds.
const SPIN_MS = 0.2;
/**
 * The least time a helper gets to finish its chunk after the caller finished the others, or to take notice of a
 * job at all, before it counts as dead.
 */
const HUNG_MIN_MS = 1000;

// The helper's whole program: it waits for a job (polling for SPIN_MS, then in Atomics.wait), then takes chunks
// until none is left. A helper that wakes late finds no chunk left: the job is done without it.
const WORKER_SOURCE = `
const start = (d) => {
  const inst = new WebAssembly.Instance(d.module, { env: { mem: d.memory } });
  const fns = ${JSON.stringify(MM_NAMES)}.map((k) => inst.exports[k]);
  const c = new Int32Array(d.ctrl);
  const ack = ${ACK} + 16 * d.slot;
  const args = new Array(${ARGS}).fill(0);
  let seq = 0;
  d.ready();
  const now = typeof performance === 'object' ? () => performance.now() : () => Date.now();
  for (;;) {
    const until = now() + ${SPIN_MS};
    for (let i = 1; Atomics.load(c, ${SEQ}) === seq && ((i & 1023) !== 0 || now() < until); i++);
    Atomics.wait(c, ${SEQ}, seq);
    seq = Atomics.load(c, ${SEQ});
    if (seq < 0) return;
    Atomics.store(c, ack, seq);
    // the description, read once: it is consistent whenever a ticket of this job is still to be had
    const chunks = c[${DESC}], size = c[${DESC} + 1], lastSize = c[${DESC} + 2], ncalls = c[${DESC} + 3];
    const calls = [];
    for (let j = 0, at = ${CALLS}; j < ncalls; j++, at += ${CALL}) calls.push(Array.from(c.subarray(at, at + ${CALL})));
    for (;;) {
      // a ticket is taken only when it is one of this job's: an add could take the next job's first ticket
      const t = Atomics.load(c, ${NEXT});
      const i = t & ${(1 << TICKET_BITS) - 1};
      if (t >> ${TICKET_BITS} !== seq || i >= chunks) break;
      if (Atomics.compareExchange(c, ${NEXT}, t, t + 1) !== t) continue;
      for (const call of calls) {
        for (let a = 0; a < ${ARGS}; a++) args[a] = call[2 + a] + i * call[2 + ${ARGS} + a];
        args[call[1]] = i === chunks - 1 ? lastSize : size;
        fns[call[0]](...args);
      }
      Atomics.add(c, ${DONE}, 1);
      Atomics.notify(c, ${DONE});
    }
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
let jobNumber = 0; // the last job's number
let canWait = true; // false on a browser's main thread, where Atomics.wait throws
let starting: Promise<unknown> = Promise.resolve(); // the last enableThreads call
let stops = 0; // disableThreads calls so far
const alive = new Set<Helper>(); // every helper started and not stopped
// per helper: the job number it last acknowledged, and since when it has acknowledged none of the jobs published
let seen: Array<{ ack: number; quietSince: number }> = [];

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
 * The calling thread waits for its helpers with `Atomics.wait` (a spin on a browser's main thread). Calls take
 * turns: a second call waits for the first, then replaces its helpers.
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
export function enableThreads(threads = 2): Promise<number> {
  // one start at a time: a second call waits for the first, then replaces its helpers
  const generation = stops; // a disableThreads() from now on, before the helpers are up, cancels this start
  const run = starting.then(() => startThreads(threads, generation));
  starting = run.catch(() => undefined);
  return run;
}

async function startThreads(threads: number, generation: number): Promise<number> {
  if (!Number.isInteger(threads) || threads < 1) return helpers.length + 1;
  stopHelpers();
  if (stops !== generation) return 1;
  const wa = wasmApi();
  const base = wasmMatmulInstance();
  const makeWorker = workerFactory();
  if (!wa || !base || !makeWorker || threads === 1 || typeof SharedArrayBuffer === 'undefined') return 1;
  let memory;
  let module: object;
  let fns: Kernel[];
  try {
    memory = new wa.Memory({ initial: Math.max(16, base.memory.buffer.byteLength / 65536), maximum: MAX_PAGES, shared: true });
    ({ fns, matmulModule: module } = instantiate(wa, memory, MAX_PAGES));
  } catch {
    return 1;
  }
  const block = new Int32Array(new SharedArrayBuffer(4 * (ACK + 16 * (threads - 1))));
  const started: Helper[] = [];
  try {
    await Promise.all(
      Array.from({ length: threads - 1 }, (_, slot) => new Promise<void>((resolve, reject) => {
        const w = makeWorker(() => resolve(), reject);
        started.push(w);
        alive.add(w);
        w.postMessage({ module, memory, ctrl: block.buffer, slot });
      })),
    );
  } catch {
    for (const w of started) stop(w);
    return 1;
  }
  if (stops !== generation) {
    for (const w of started) stop(w);
    return 1;
  }
  helpers = started;
  ctrl = block;
  jobNumber = 0;
  seen = started.map(() => ({ ack: 0, quietSince: NaN }));
  single = base;
  threaded = { memory, fns, parallel: (job) => runChunked(fns, job), threads };
  setWasmMatmulInstance(threaded);
  return threads;
}

/** Switches between the started helpers and the calling thread alone without stopping them (the benchmark interleaves both). @internal */
export function useThreads(on: boolean): void {
  if (threaded && single) setWasmMatmulInstance(on ? threaded : single);
}

/**
 * Stops the helper threads started by {@link enableThreads}; products run on the calling thread again. A start
 * still under way (an `enableThreads` not yet resolved) is cancelled too: it resolves to 1.
 * @category Ops
 * @example
 * ```ts
 * import { disableThreads } from 'tinygrad-ts';
 * disableThreads(); // harmless when no threads were started
 * ```
 */
export function disableThreads(): void {
  stops++;
  stopHelpers();
}

function stopHelpers(): void {
  if (ctrl) {
    Atomics.store(ctrl, SEQ, -1);
    Atomics.notify(ctrl, SEQ);
  }
  for (const w of helpers) stop(w);
  helpers = [];
  ctrl = null;
  if (single) setWasmMatmulInstance(single);
  single = null;
  threaded = null;
}

/**
 * Runs a job's chunks on the calling thread and every helper that is awake, whichever takes each next. A helper
 * that wakes late finds no ticket left, so it never holds a product up. Returns true when all chunks are done;
 * false when a helper took a chunk and has not finished it long after the caller finished its own (it died, or
 * its thread was terminated): threads are then switched off, and the caller computes the product again on its
 * own memory, which a stalled helper can no longer write to. A helper that has acknowledged no job for a second
 * counts as dead too (threads switch off after that job, which the caller finished without it).
 */
function runChunked(fns: readonly Kernel[], job: ChunkedJob): boolean {
  const c = ctrl as Int32Array;
  const { chunks, calls } = job;
  if (chunks > MAX_CHUNKS || calls.length > MAX_CALLS) throw new Error(`internal: a job of ${chunks} chunks and ${calls.length} calls does not fit the control block`);
  const seq = (jobNumber = (jobNumber % MAX_JOB) + 1);
  c[DESC] = chunks;
  c[DESC + 1] = job.size;
  c[DESC + 2] = job.last;
  c[DESC + 3] = calls.length;
  calls.forEach((call, j) => {
    const at = CALLS + j * CALL;
    c[at] = call.fn;
    c[at + 1] = call.count;
    for (let a = 0; a < ARGS; a++) {
      c[at + 2 + a] = call.args[a] ?? 0;
      c[at + 2 + ARGS + a] = call.steps[a] ?? 0;
    }
  });
  Atomics.store(c, DONE, 0);
  Atomics.store(c, NEXT, seq << TICKET_BITS); // opens the job's tickets, after its description is written
  Atomics.store(c, SEQ, seq);
  Atomics.notify(c, SEQ);
  const start = performance.now(); // the job's publication, and the start of the caller's chunks
  const run = (i: number): void => {
    for (const { fn, args, steps, count } of calls) {
      (fns[fn] as Kernel)(...args.map((x, a) => (a === count ? (i === chunks - 1 ? job.last : job.size) : x + i * (steps[a] ?? 0))));
    }
  };
  for (;;) {
    const i = Atomics.add(c, NEXT, 1) - (seq << TICKET_BITS);
    if (i >= chunks) break;
    run(i);
    Atomics.add(c, DONE, 1);
  }
  // a helper's chunk is no larger than any of the caller's: twenty times the caller's time (and at least a
  // second) is a hang
  const now = performance.now();
  const deadline = now + Math.max(HUNG_MIN_MS, 20 * (now - start));
  const until = now + SPIN_MS;
  for (let i = 1; Atomics.load(c, DONE) !== chunks && ((i & 1023) !== 0 || performance.now() < until); i++);
  let finished = true;
  for (let done = Atomics.load(c, DONE); done !== chunks; done = Atomics.load(c, DONE)) {
    if (performance.now() > deadline) {
      finished = false;
      break;
    }
    if (canWait) {
      try {
        Atomics.wait(c, DONE, done, 50);
      } catch {
        canWait = false; // a browser's main thread may not block: spin from now on
      }
    }
  }
  Atomics.store(c, NEXT, CLOSED);
  // a live helper acknowledges a job within milliseconds of its publication (even one it finds finished)
  let silent = false;
  seen.forEach((h, i) => {
    const ack = Atomics.load(c, ACK + 16 * i);
    if (ack === seq || ack !== h.ack) {
      h.ack = ack;
      h.quietSince = NaN;
    } else if (Number.isNaN(h.quietSince)) h.quietSince = start;
    else if (now - h.quietSince > HUNG_MIN_MS) silent = true;
  });
  if (!finished || silent) {
    stopHelpers();
    console.warn('tinygrad-ts: a helper thread stopped responding; products run on the calling thread again (call enableThreads() to restart them)');
  }
  return finished;
}

function stop(w: Helper): void {
  alive.delete(w);
  void w.terminate();
}

/** Stops helper `i` without telling the library, as a crash would (for tests). @internal */
export function _killHelperForTest(i: number): void {
  void helpers[i]?.terminate();
}

/** How many helpers were started and not stopped (for tests). @internal */
export function _liveHelpersForTest(): number {
  return alive.size;
}
