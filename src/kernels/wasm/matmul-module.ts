// Generates the WebAssembly SIMD matmul: C = A·B with B packed in 32-byte-wide column panels
// (8 float32 or 4 float64 columns) and A read through two strides, so a transposed A costs nothing.
import { Code, I32, moduleBytes, V128, type FuncSpec } from './emitter.js';

/** Rows of C per register tile: 4 rows × 2 vectors = 8 accumulators, + 2 B vectors + 1 splat = 11 live v128
 * (6 rows, or 3 vectors per row, measured slower: V8 keeps 16 xmm registers and starts spilling). */
export const TILE_ROWS = 4;
/** Bytes per packed B row within a panel (two v128). */
export const PANEL_BYTES = 32;
/** Rows of A per L2 block: A's block is reused across every B panel. */
const MC = 64;

// parameters (all i32): a, sai, sap (bytes), b, c (bytes), m, k, np (panels), ldc, ldb, pstride (bytes)
// ldb: from one row of a B panel to the next (32 when packed, the row length when B is used in place);
// pstride: from one panel to the next (k·32 when packed, 32 in place)
const A = 0, SAI = 1, SAP = 2, B = 3, C = 4, M = 5, K = 6, NP = 7, LDC = 8, LDB = 9, PSTRIDE = 10;
const PARAMS = 11;
// i32 locals
const IB = 11, IEND = 12, JP = 13, I = 14, PB = 15, P = 16, CP = 17, BPANEL = 18, AROW = 19;
const I32_LOCALS = AROW + TILE_ROWS - PARAMS;
// v128 locals
const ACC = AROW + TILE_ROWS;
const BV = ACC + TILE_ROWS * 2;
const S = BV + 2;

/** One register tile of `rows` rows: C[i…i+rows, panel jp] = A[i…, :]·Bpanel. */
function tile(code: Code, rows: number, f64: boolean): void {
  const es = f64 ? 8 : 4;
  for (let r = 0; r < rows; r++) code.get(A).get(I).i32(r).add().get(SAI).mul().add().set(AROW + r);
  for (let r = 0; r < rows * 2; r++) code.zeroV128().set(ACC + r);
  code.get(BPANEL).set(PB).get(K).set(P);
  code.loop();
  code.get(PB).v128Load(0).set(BV).get(PB).v128Load(16).set(BV + 1);
  for (let r = 0; r < rows; r++) {
    code.get(AROW + r).fload(f64).splat(f64).set(S);
    for (let v = 0; v < 2; v++) code.get(ACC + r * 2 + v).get(S).get(BV + v).vmul(f64).vadd(f64).set(ACC + r * 2 + v);
    code.incBy(AROW + r, SAP);
  }
  code.incBy(PB, LDB);
  code.get(P).i32(1).sub().tee(P).brIf(0);
  code.end();
  code.get(C).get(I).get(LDC).mul().add().get(JP).i32(PANEL_BYTES).mul().add().set(CP);
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < 2; v++) code.get(CP).get(ACC + r * 2 + v).v128Store(v * 16);
    code.incBy(CP, LDC);
  }
  void es;
}

/** Loop `i` over [i, iend) in steps of `rows`, emitting a tile each (exits when fewer than `rows` remain). */
function rowLoop(code: Code, rows: number, f64: boolean): void {
  code.block().loop();
  code.get(I).i32(rows).add().get(IEND).gtS().brIf(1);
  tile(code, rows, f64);
  code.inc(I, rows).br(0);
  code.end().end();
}

function matmulBody(f64: boolean): Code {
  const c = new Code();
  c.i32(0).set(IB);
  c.block().loop(); // over blocks of MC rows
  c.get(IB).get(M).geS().brIf(1);
  c.get(IB).i32(MC).add().get(M).get(IB).i32(MC).add().get(M).ltS().select().set(IEND);
  // panels last to first: a tile's store may spill past column n into the next row's first columns, which
  // panel 0 then overwrites, so C can have exactly n columns (one copy out, no padding)
  c.get(NP).set(JP);
  c.block().loop();
  c.get(JP).eqz().brIf(1);
  c.get(JP).i32(1).sub().set(JP);
  c.get(B).get(JP).get(PSTRIDE).mul().add().set(BPANEL);
  c.get(IB).set(I);
  rowLoop(c, TILE_ROWS, f64);
  rowLoop(c, 1, f64);
  c.br(0);
  c.end().end();
  c.inc(IB, MC).br(0);
  c.end().end();
  return c;
}

/** The module's bytes: exports `mm32` and `mm64`, imports `env.mem` (a shared memory of at most `sharedMax` pages, for threads). @internal */
export function matmulModuleBytes(sharedMax?: number): Uint8Array {
  const locals = [[I32_LOCALS, I32], [TILE_ROWS * 2 + 3, V128]] as const;
  const funcs: FuncSpec[] = [
    { name: 'mm32', params: PARAMS, locals, body: matmulBody(false) },
    { name: 'mm64', params: PARAMS, locals, body: matmulBody(true) },
  ];
  return moduleBytes(funcs, 1, sharedMax);
}
