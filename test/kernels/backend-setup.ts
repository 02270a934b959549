// Vitest setup: TINYGRAD_BACKEND=ts or =wasm forces one kernel set for every test file (unset: automatic choice).
import { setBackend } from '../../src/index.js';

const wanted = process.env.TINYGRAD_BACKEND;
if (wanted === 'ts' || wanted === 'wasm') setBackend(wanted);
else if (wanted !== undefined && wanted !== '' && wanted !== 'auto') {
  throw new Error(`TINYGRAD_BACKEND must be ts, wasm or auto, got ${JSON.stringify(wanted)}`);
}
