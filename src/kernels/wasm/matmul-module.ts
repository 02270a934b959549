// Generates the WebAssembly SIMD matmul, C = op(A)·op(B), with op(B) in 32-byte-wide column panels (8 float32
// or 4 float64 columns) and op(A) packed in quads of rows (a column's 4 values side by side, see pack-module.ts).
// A quad is read through one pointer with constant offsets, each value loaded straight into all lanes
// (`v128.load32_splat`: one vbroadcastss on x64). Reading A in place through four row pointers measured 10–15 %
// slower: four pointer increments per step, and cache-set conflicts between rows whose stride is a multiple of 4 KiB.
import { Code, funcSpec, Locals, moduleBytes, type FuncSpec } from './emitter.js';
import { packFunctions } from './pack-module.js';

/** Rows of C per register tile. 4 rows × 2 vectors = 8 accumulators, + 2 B vectors + 4 splats + 1 product
 * = 15 v128, every xmm register V8 allocates (6 rows, or 3 vectors per row, measured slower: it spills). */
export const TILE_ROWS = 4;
/** Bytes per packed B row within a panel (two v128). */
export const PANEL_BYTES = 32;
/** Rows of A per L2 block: A's block is reused across every B panel. */
const MC = 64;

// Parameters (all i32): a, b, c (bytes), quads, k, np (panels), ldc, ldb, pstride. Quad q of op(A) is at
// a + q·k·4·es, op(A)[4q + r, p] at a + q·k·4·es + (4p + r)·es. ldb goes from one row of a B panel to the next
// (32 when packed, the row length when B is read in place), pstride from one panel to the next (k·32 when
// packed, 32 in place); ldc is C's row length in bytes.
const PARAMS = 9;

function matmulBody(f64: boolean): { body: Code; locals: Locals } {
  const A = 0, B = 1, C = 2, Q = 3, K = 4, NP = 5, LDC = 6, LDB = 7, PSTRIDE = 8;
  const es = f64 ? 8 : 4;
  const as = TILE_ROWS * es; // bytes of a quad per p
  const L = new Locals(PARAMS);
  const QB = L.take(), QEND = L.take(), JP = L.take(), QI = L.take(), PA = L.take(), PB = L.take(), P = L.take();
  const CP = L.take(), BPANEL = L.take(), AQ = L.take();
  // v128 locals: 8 accumulators (row r, vector v at ACC + 2r + v), 2 B vectors, 1 splat of A
  const ACC = L.take(TILE_ROWS * 2), BV = L.take(2), S = L.take();
  const code = new Code();
  code.get(K).i32(as).mul().set(AQ);
  code.i32(0).set(QB);
  code.block().loop(); // over blocks of MC rows
  code.get(QB).get(Q).geS().brIf(1);
  const qc = MC / TILE_ROWS;
  code.get(QB).i32(qc).add().get(Q).get(QB).i32(qc).add().get(Q).ltS().select().set(QEND);
  // panels last to first: a tile's store that spills past column n lands in the next row's first columns, which
  // panel 0 then overwrites, so C can have exactly n columns (one copy out, no padding)
  code.get(NP).set(JP);
  code.block().loop();
  code.get(JP).eqz().brIf(1);
  code.get(JP).i32(1).sub().set(JP);
  code.get(B).get(JP).get(PSTRIDE).mul().add().set(BPANEL);
  code.get(QB).set(QI);
  code.block().loop();
  code.get(QI).get(QEND).geS().brIf(1);
  // one tile: C[4·QI … 4·QI+3, panel JP]
  code.get(A).get(QI).get(AQ).mul().add().set(PA);
  code.get(BPANEL).set(PB);
  for (let r = 0; r < TILE_ROWS * 2; r++) code.zeroV128().set(ACC + r);
  code.get(K).set(P);
  code.loop(); // (unrolling this loop twice measured slower: V8 hoists the second step's loads and spills)
  code.get(PB).v128Load(0).set(BV).get(PB).v128Load(16).set(BV + 1);
  for (let r = 0; r < TILE_ROWS; r++) {
    code.get(PA).loadSplat(f64, r * es).set(S);
    for (let v = 0; v < 2; v++) code.get(ACC + r * 2 + v).get(S).get(BV + v).vmul(f64).vadd(f64).set(ACC + r * 2 + v);
  }
  code.inc(PA, as);
  code.incBy(PB, LDB);
  code.get(P).i32(1).sub().tee(P).brIf(0);
  code.end();
  code.get(C).get(QI).i32(TILE_ROWS).mul().get(LDC).mul().add().get(JP).i32(PANEL_BYTES).mul().add().set(CP);
  for (let r = 0; r < TILE_ROWS; r++) {
    for (let v = 0; v < 2; v++) code.get(CP).get(ACC + r * 2 + v).v128Store(v * 16);
    code.incBy(CP, LDC);
  }
  code.inc(QI, 1).br(0);
  code.end().end(); // quads
  code.br(0);
  code.end().end(); // panels
  code.inc(QB, qc).br(0);
  code.end().end(); // blocks
  return { body: code, locals: L };
}

const V128_LOCALS = TILE_ROWS * 2 + 3;

function spec(name: string, k: { body: Code; locals: Locals }): FuncSpec {
  return funcSpec(name, k.body, k.locals, V128_LOCALS);
}

/**
 * The module's bytes: exports the matmuls `mm32`/`mm64` and the packing functions of pack-module.ts, imports
 * `env.mem` (a shared memory of at most `sharedMax` pages, for threads). @internal
 */
export function matmulModuleBytes(sharedMax?: number): Uint8Array {
  return moduleBytes(
    [
      spec('mm32', matmulBody(false)),
      spec('mm64', matmulBody(true)),
      ...packFunctions(),
    ],
    1,
    sharedMax,
  );
}
