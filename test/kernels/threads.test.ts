// Helper threads must give exactly the single-threaded result, and switching them off must restore it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { disableThreads, enableThreads } from '../../src/index.js';
import { reluWasm } from '../../src/kernels/wasm/elementwise-wasm.js';
import { matmulWasm, wasmMatmulInstance, wasmSimdAvailable } from '../../src/kernels/wasm/matmul-wasm.js';
import { _killHelperForTest, _liveHelpersForTest } from '../../src/kernels/wasm/threads.js';

/** Bit-identical (Object.is per element): the same kernel sums in the same order on every thread. */
function identical(a: Float32Array | Float64Array, b: Float32Array | Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (!Object.is(a[j], b[j])) return false;
  return true;
}

function fill<T extends Float32Array | Float64Array>(a: T, seed: number): T {
  for (let i = 0; i < a.length; i++) a[i] = ((i * 7919 + seed * 104729) % 2003) / 1001 - 1;
  return a;
}

/** A float32 product of fixed operands: its single-threaded result, and a function computing it again. */
function fixedProduct(m: number, k: number, n: number, seed: number): { alone: Float32Array; product: () => Float32Array } {
  const a = fill(new Float32Array(m * k), seed);
  const b = fill(new Float32Array(k * n), seed + 1);
  const product = (): Float32Array => {
    const c = new Float32Array(m * n);
    expect(matmulWasm(a, 0, false, b, 0, false, c, 0, m, k, n)).toBe(true);
    return c;
  };
  return { alone: product(), product };
}

describe.runIf(wasmSimdAvailable())('enableThreads', () => {
  afterAll(() => disableThreads());

  it('splits big products over 2 threads with bit-identical results (f32, f64, all transposes, uneven rows)', async () => {
    // uneven splits (260, 130, 101 rows); n = 260 and 100 are not whole panels, so stores spill into each part's gap
    const cases: Array<[number, number, number]> = [[260, 256, 256], [130, 300, 264], [260, 256, 260], [101, 784, 100]];
    const single: Array<Float32Array | Float64Array> = [];
    const run = (): Array<Float32Array | Float64Array> => {
      const out: Array<Float32Array | Float64Array> = [];
      for (const Arr of [Float32Array, Float64Array]) {
        for (const [m, k, n] of cases) {
          for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
            const c = new Arr(m * n);
            expect(matmulWasm(fill(new Arr(m * k), 1), 0, ta, fill(new Arr(k * n), 2), 0, tb, c, 0, m, k, n)).toBe(true);
            out.push(c);
          }
        }
      }
      return out;
    };
    single.push(...run());
    const relu = (): Float32Array => {
      const out = new Float32Array(4099);
      expect(reluWasm(fill(new Float32Array(4099), 5), out)).toBe(true);
      return out;
    };
    const reluAlone = relu();
    const threads = await enableThreads(2);
    expect(threads).toBe(2); // Node 20.16+ has process.getBuiltinModule('node:worker_threads')
    const threaded = run();
    threaded.forEach((c, i) => expect(identical(c, single[i]!), `product ${i} differs between 1 and 2 threads`).toBe(true));
    // the elementwise kernels move to the shared memory with the matmul
    expect(identical(relu(), reluAlone)).toBe(true);
    disableThreads();
    const after = run();
    after.forEach((c, i) => expect(identical(c, single[i]!), `product ${i} differs after disableThreads`).toBe(true));
  });

  it('runs hundreds of products back to back without losing a chunk or a helper', async () => {
    // a helper finishing one job while the next opens must neither take the next job's chunks with a stale
    // description nor use up its tickets; either would stall a product (threads would switch off with a warning)
    const { alone, product } = fixedProduct(132, 120, 264, 6);
    expect(await enableThreads(2)).toBe(2);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      for (let r = 0; r < 400; r++) if (!identical(product(), alone)) throw new Error(`product ${r} differs`);
      expect(warn).not.toHaveBeenCalled();
      expect(wasmMatmulInstance()?.parallel).not.toBeNull();
    } finally {
      warn.mockRestore();
      disableThreads();
    }
  });

  it('leaves no helper behind when calls overlap: two enableThreads at once, or a disableThreads while starting', async () => {
    // the second call's disableThreads once ran before the first call's helpers were registered, so they leaked
    expect(await Promise.all([enableThreads(2), enableThreads(2)])).toEqual([2, 2]);
    expect(_liveHelpersForTest()).toBe(1);
    const starting = enableThreads(2);
    disableThreads();
    expect(await starting).toBe(1);
    expect(_liveHelpersForTest()).toBe(0);
    expect(wasmMatmulInstance()?.parallel).toBeNull();
  });

  it('resolves to 1 for one thread and ignores a bad count', async () => {
    expect(await enableThreads(1)).toBe(1);
    expect(await enableThreads(0)).toBe(1);
    disableThreads();
  });

  it('lets the process exit while helpers are running (no disableThreads needed)', () => {
    // a referenced helper port once kept Node alive forever after the script's last line
    const index = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
    const script = `import { enableThreads, matmul, Tensor } from ${JSON.stringify(index)};
      const n = await enableThreads(2);
      const a = Tensor.ones([300, 300]);
      console.log(n, matmul(a, a).data[0]);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.signal, `the process did not exit by itself: ${run.stderr}`).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('2 300');
  });

  it('a dead helper is not waited for: products stay exact, and once it has ignored jobs for a second threads switch off', async () => {
    const { alone, product } = fixedProduct(256, 256, 256, 3);
    expect(await enableThreads(2)).toBe(2);
    _killHelperForTest(0);
    await new Promise((r) => setTimeout(r, 100)); // let the termination land
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // the caller takes every chunk the dead helper does not
      expect(identical(product(), alone)).toBe(true);
      expect(warn).not.toHaveBeenCalled();
      expect(wasmMatmulInstance()?.parallel).not.toBeNull();
      await new Promise((r) => setTimeout(r, 1100));
      expect(identical(product(), alone)).toBe(true);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/helper thread stopped responding/));
      // threads are off now: the next product runs on the calling thread alone
      expect(wasmMatmulInstance()?.parallel).toBeNull();
      expect(identical(product(), alone)).toBe(true);
    } finally {
      warn.mockRestore();
      disableThreads();
    }
  });
});
