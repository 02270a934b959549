// Which kernel set runs the hot loops: the portable TypeScript kernels or the generated WebAssembly SIMD ones.
import { InvalidArgumentError } from '../errors.js';
import { wasmSimdAvailable } from './wasm/matmul-wasm.js';

/**
 * A kernel set: `'ts'` (portable TypeScript, runs everywhere) or `'wasm'` (WebAssembly SIMD, generated at run time).
 * @category Ops
 */
export type Backend = 'ts' | 'wasm';

// null: choose automatically (WASM SIMD when the engine compiles it, else TypeScript)
let forced: Backend | null = null;

/**
 * Chooses the kernel set for matrix products and the hot elementwise ops (`+ − × ÷` on equal shapes or against
 * a repeated row, relu and its backward, sums over rows). By default (`'auto'`) WebAssembly SIMD is used when the
 * engine supports it and the work is big enough to pay for copying into WebAssembly memory; TypeScript otherwise.
 * Both give the same values for the elementwise ops, and the same up to rounding for products.
 * Forcing a backend uses it for every size (handy for testing both in the same process); forcing `'wasm'` also
 * sends one-element ops through WebAssembly memory, which costs ~0.6 µs per op in copies, so `'auto'` is the
 * fast choice.
 * @param backend - `'wasm'`, `'ts'`, or `'auto'` to return to the automatic choice.
 * @throws {@link InvalidArgumentError} for an unknown name, or `'wasm'` where WebAssembly SIMD is unavailable.
 * @category Ops
 * @example
 * ```ts
 * import { setBackend, getBackend, availableBackends } from 'tinygrad-ts';
 * setBackend('ts');
 * console.log(getBackend()); // 'ts'
 * setBackend('auto');
 * console.log(availableBackends().includes('ts')); // true
 * ```
 */
export function setBackend(backend: Backend | 'auto'): void {
  if (backend === 'auto') {
    forced = null;
    return;
  }
  if (backend !== 'ts' && backend !== 'wasm') {
    throw new InvalidArgumentError(`setBackend: unknown backend ${JSON.stringify(backend)}; expected 'ts', 'wasm' or 'auto'`);
  }
  if (backend === 'wasm' && !wasmSimdAvailable()) {
    throw new InvalidArgumentError("setBackend: 'wasm' needs WebAssembly SIMD, which this engine does not provide (or a Content-Security-Policy forbids compiling WebAssembly)");
  }
  forced = backend;
}

/**
 * The kernel set in use: the forced one, or the automatic choice.
 * @returns `'wasm'` or `'ts'`.
 * @category Ops
 * @example
 * ```ts
 * import { getBackend } from 'tinygrad-ts';
 * console.log(['ts', 'wasm'].includes(getBackend())); // true
 * ```
 */
export function getBackend(): Backend {
  return forced ?? (wasmSimdAvailable() ? 'wasm' : 'ts');
}

/**
 * The kernel sets this engine can run, fastest first.
 * @returns `['wasm', 'ts']` where WebAssembly SIMD compiles, else `['ts']`.
 * @category Ops
 * @example
 * ```ts
 * import { availableBackends } from 'tinygrad-ts';
 * console.log(availableBackends().at(-1)); // 'ts'
 * ```
 */
export function availableBackends(): Backend[] {
  return wasmSimdAvailable() ? ['wasm', 'ts'] : ['ts'];
}

/** True when a product of m·k·n multiply-adds should run on WebAssembly. @internal */
export function useWasmFor(work: number): boolean {
  if (forced === 'ts') return false;
  if (forced === 'wasm') return true;
  return work >= AUTO_WASM_MIN_WORK && wasmSimdAvailable();
}

/** True when an elementwise op or reduction over `values` values should run on WebAssembly. @internal */
export function useWasmForValues(values: number): boolean {
  if (forced === 'ts') return false;
  if (forced === 'wasm') return values > 0;
  return values >= AUTO_WASM_MIN_VALUES && wasmSimdAvailable();
}

/** Below this many multiply-adds the copies into WebAssembly memory cost more than the SIMD saves. */
const AUTO_WASM_MIN_WORK = 4096;
/** Below this many values an elementwise op's copies into and out of WebAssembly memory cost more than they save. */
const AUTO_WASM_MIN_VALUES = 2048;
