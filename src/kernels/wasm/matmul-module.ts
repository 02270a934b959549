// Generates the WebAssembly SIMD matmul, C = op(A)·op(B), with op(B) in 32-byte-wide column panels (8 float32
// or 4 float64 columns) and op(A) packed in quads of rows (a column's 4 values side by side, see pack-module.ts).
// A quad is read through one pointer with constant offsets, each value loaded straight into all lanes
// (`v128.load32_splat`: one vbroadcastss on x64). Reading A in place through four row pointers measured 10–15 %
// slower: four pointer increments per step, and cache-set conflicts between rows whose stride is a multiple of 4 KiB.
import { Code, I32, Locals, moduleBytes, V128, type FuncSpec } from './emitter.js';
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

interface Tile {
  acc: number; // 8 v128 accumulators, row r vector v at acc + 2r + v
  bv: number; // 2 v128
  s: number; // 1 v128 (the splat)
}

/** acc[r][v] += A(r)·B[v] for one p and `rows` rows: B's row at local `pb`, A(r) splatted by `loadA(r)`. */
function step(code: Code, t: Tile, rows: number, pb: number, f64: boolean, loadA: (r: number) => void): void {
  code.get(pb).v128Load(0).set(t.bv).get(pb).v128Load(16).set(t.bv + 1);
  for (let r = 0; r < rows; r++) {
    loadA(r);
    code.set(t.s);
    for (let v = 0; v < 2; v++) {
      const acc = t.acc + r * 2 + v;
      code.get(acc).get(t.s).get(t.bv + v).vmul(f64).vadd(f64).set(acc);
    }
  }
}

/** Stores `rows` rows of accumulators at C + `cp` (a local, clobbered), rows ldc apart. */
function storeTile(code: Code, t: Tile, rows: number, cp: number, ldc: number): void {
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < 2; v++) code.get(cp).get(t.acc + r * 2 + v).v128Store(v * 16);
    code.incBy(cp, ldc);
  }
}

/** Emits `for (jp = np; jp-- > 0;) { bpanel = b + jp·pstride; inner() }`: panels last to first, so a tile's
 * store that spills past column n lands in the next row's first columns, which panel 0 then overwrites;
 * C can thus have exactly n columns (one copy out, no padding). */
function panelLoop(code: Code, np: number, jp: number, b: number, pstride: number, bpanel: number, inner: () => void): void {
  code.get(np).set(jp);
  code.block().loop();
  code.get(jp).eqz().brIf(1);
  code.get(jp).i32(1).sub().set(jp);
  code.get(b).get(jp).get(pstride).mul().add().set(bpanel);
  inner();
  code.br(0);
  code.end().end();
}

function matmulBody(f64: boolean): { body: Code; locals: Locals } {
  const A = 0, B = 1, C = 2, Q = 3, K = 4, NP = 5, LDC = 6, LDB = 7, PSTRIDE = 8;
  const es = f64 ? 8 : 4;
  const as = TILE_ROWS * es; // bytes of a quad per p
  const L = new Locals(PARAMS);
  const QB = L.take(), QEND = L.take(), JP = L.take(), QI = L.take(), PA = L.take(), PB = L.take(), P = L.take();
  const CP = L.take(), BPANEL = L.take(), AQ = L.take();
  const t: Tile = { acc: L.take(TILE_ROWS * 2), bv: L.take(2), s: L.take() };
  const code = new Code();
  code.get(K).i32(as).mul().set(AQ);
  code.i32(0).set(QB);
  code.block().loop(); // over blocks of MC rows
  code.get(QB).get(Q).geS().brIf(1);
  const qc = MC / TILE_ROWS;
  code.get(QB).i32(qc).add().get(Q).get(QB).i32(qc).add().get(Q).ltS().select().set(QEND);
  panelLoop(code, NP, JP, B, PSTRIDE, BPANEL, () => {
    code.get(QB).set(QI);
    code.block().loop();
    code.get(QI).get(QEND).geS().brIf(1);
    // one tile: C[4·QI … 4·QI+3, panel JP]
    code.get(A).get(QI).get(AQ).mul().add().set(PA);
    code.get(BPANEL).set(PB);
    for (let r = 0; r < TILE_ROWS * 2; r++) code.zeroV128().set(t.acc + r);
    code.get(K).set(P);
    code.loop(); // (unrolling this loop twice measured slower: V8 hoists the second step's loads and spills)
    step(code, t, TILE_ROWS, PB, f64, (r) => code.get(PA).loadSplat(f64, r * es));
    code.inc(PA, as);
    code.incBy(PB, LDB);
    code.get(P).i32(1).sub().tee(P).brIf(0);
    code.end();
    code.get(C).get(QI).i32(TILE_ROWS).mul().get(LDC).mul().add().get(JP).i32(PANEL_BYTES).mul().add().set(CP);
    storeTile(code, t, TILE_ROWS, CP, LDC);
    code.inc(QI, 1).br(0);
    code.end().end();
  });
  code.inc(QB, qc).br(0);
  code.end().end();
  return { body: code, locals: L };
}

function spec(name: string, k: { body: Code; locals: Locals }): FuncSpec {
  const v128s = TILE_ROWS * 2 + 3;
  const i32s = k.locals.next - PARAMS - v128s;
  return { name, params: PARAMS, locals: [[i32s, I32], [v128s, V128]], body: k.body };
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
