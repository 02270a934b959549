// permute's transpose fast path (WebAssembly 4×4 shuffles, batched) against an index-by-index reference.
import { afterEach, describe, expect, it } from 'vitest';
import { setBackend } from '../../src/index.js';
import { permute } from '../../src/kernels/movement.js';
import { wasmSimdAvailable } from '../../src/kernels/wasm/matmul-wasm.js';

const backends = wasmSimdAvailable() ? (['wasm', 'ts'] as const) : (['ts'] as const);

describe.each(backends)('permute on the %s backend', (backend) => {
  afterEach(() => setBackend('auto'));
  const shapes = [[1, 1], [3, 5], [4, 4], [5, 9], [8, 3], [2, 7, 6], [3, 64, 65], [130, 67], [2, 1, 3, 9]];
  for (const Arr of [Float32Array, Float64Array]) {
    it.each(shapes)(`${Arr.name}: swapping the last two axes of %j matches the reference`, (...shape: number[]) => {
      setBackend(backend);
      const size = shape.reduce((a, b) => a * b, 1);
      const x = new Arr(size);
      for (let i = 0; i < size; i++) x[i] = i * 0.5 - 3;
      const nd = shape.length;
      const axes = [...shape.keys()];
      [axes[nd - 2], axes[nd - 1]] = [nd - 1, nd - 2];
      const out = permute(x, shape, axes, new Arr(size));
      const rows = shape[nd - 2]!;
      const cols = shape[nd - 1]!;
      for (let b = 0; b < size / (rows * cols); b++) {
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) expect(out[b * rows * cols + j * rows + i], `batch ${b} (${i}, ${j})`).toBe(x[b * rows * cols + i * cols + j]);
        }
      }
    });
  }
});
