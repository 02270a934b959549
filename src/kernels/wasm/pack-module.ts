// Generates the WebAssembly functions that pack the matmul's operands from plain row-major copies already in
// the module's memory: A into quads of rows (dst[q·k·4 + p·4 + r] = op(A)[4q + r, p]) and a wide B into
// 32-byte column panels. A JavaScript loop does the same at 1–3 ns per element, as much as 20–60 multiply-adds
// of the product; SIMD loads, lane shuffles and v128 copies do it at close to memory speed.
import { Code, funcSpec, Locals, type FuncSpec } from './emitter.js';

// Parameters (i32): src, dst (bytes), quads (whole groups of 4 rows only), k, then per function:
// packRows: srcQuad, dstQuad (bytes from one group to the next in src and in dst), pstep; packCols: m.
const SRC = 0, DST = 1, QUADS = 2, K = 3, M = 4, SRCQ = 4, DSTQ = 5;
const PARAMS = 6;

/** Byte lanes of i8x16.shuffle picking 32-bit lanes `l` (0–3 first operand, 4–7 second). */
const words = (...l: number[]): number[] => l.flatMap((x) => [4 * x, 4 * x + 1, 4 * x + 2, 4 * x + 3]);
/** …picking 64-bit lanes (0–1 first operand, 2–3 second). */
const dwords = (...l: number[]): number[] => l.flatMap((x) => [8 * x, 8 * x + 1, 8 * x + 2, 8 * x + 3, 8 * x + 4, 8 * x + 5, 8 * x + 6, 8 * x + 7]);

/** `for (q = 0; q < quads; q++) body()` with the loop counter in local `q`. */
function quadLoop(code: Code, q: number, body: () => void): void {
  code.i32(0).set(q);
  code.block().loop();
  code.get(q).get(QUADS).geS().brIf(1);
  body();
  code.inc(q, 1).br(0);
  code.end().end();
}

/**
 * 4 rows of a row-major matrix with k columns, group after group: each step reads `w` consecutive values of the
 * 4 rows and writes them as w runs of 4, `pstep` bytes apart (the 7th parameter). One function serves A's quads
 * (pstep 4·es), a wide transposed B's panels (32: two groups side by side per float32 panel) and the matrix
 * transpose (out's row length).
 */
function packRowsBody(f64: boolean): { code: Code; locals: Locals; v128s: number } {
  const es = f64 ? 8 : 4;
  const w = 16 / es; // values per v128: 4 (f32) or 2 (f64)
  const PSTEP = PARAMS; // the 7th parameter
  const L = new Locals(PARAMS + 1);
  const q = L.take(), p = L.take(), d = L.take(), row = L.take(4), ld = L.take(), e = L.take();
  const v = L.take(4), t = L.take(4);
  const code = new Code();
  // stores the v128 pushed by `push` at d + j·pstep + extra
  const store = (j: number, push: () => void, extra = 0): void => {
    code.get(d).get(PSTEP).i32(j).mul().add().set(e).get(e);
    push();
    code.v128Store(extra);
  };
  code.get(K).i32(es).mul().set(ld); // bytes per row of A
  quadLoop(code, q, () => {
    for (let r = 0; r < 4; r++) code.get(SRC).get(q).get(SRCQ).mul().add().i32(r).get(ld).mul().add().set(row + r);
    code.get(DST).get(q).get(DSTQ).mul().add().set(d);
    code.i32(0).set(p);
    // whole steps of w columns
    code.block().loop();
    code.get(p).i32(w).add().get(K).gtS().brIf(1);
    for (let r = 0; r < 4; r++) code.get(row + r).v128Load(0).set(v + r);
    if (f64) {
      // v[r] = (A[r,p], A[r,p+1]); column p is (A[0,p], A[1,p]) (A[2,p], A[3,p])
      store(0, () => code.get(v).get(v + 1).shuffle(dwords(0, 2)));
      store(0, () => code.get(v + 2).get(v + 3).shuffle(dwords(0, 2)), 16);
      store(1, () => code.get(v).get(v + 1).shuffle(dwords(1, 3)));
      store(1, () => code.get(v + 2).get(v + 3).shuffle(dwords(1, 3)), 16);
    } else {
      // a 4×4 transpose in two rounds of shuffles
      code.get(v).get(v + 1).shuffle(words(0, 4, 1, 5)).set(t);
      code.get(v).get(v + 1).shuffle(words(2, 6, 3, 7)).set(t + 1);
      code.get(v + 2).get(v + 3).shuffle(words(0, 4, 1, 5)).set(t + 2);
      code.get(v + 2).get(v + 3).shuffle(words(2, 6, 3, 7)).set(t + 3);
      store(0, () => code.get(t).get(t + 2).shuffle(words(0, 1, 4, 5)));
      store(1, () => code.get(t).get(t + 2).shuffle(words(2, 3, 6, 7)));
      store(2, () => code.get(t + 1).get(t + 3).shuffle(words(0, 1, 4, 5)));
      store(3, () => code.get(t + 1).get(t + 3).shuffle(words(2, 3, 6, 7)));
    }
    for (let r = 0; r < 4; r++) code.inc(row + r, 16);
    code.get(d).get(PSTEP).i32(w).mul().add().set(d);
    code.inc(p, w);
    code.br(0);
    code.end().end();
    // the last k mod w columns, one value at a time
    code.block().loop();
    code.get(p).get(K).geS().brIf(1);
    for (let r = 0; r < 4; r++) {
      code.get(d).get(row + r).fload(f64).fstore(f64, r * es);
      code.inc(row + r, es);
    }
    code.incBy(d, PSTEP);
    code.inc(p, 1);
    code.br(0);
    code.end().end();
  });
  return { code, locals: L, v128s: 8 };
}

/** A stored k×m (op(A) = Aᵀ): a quad's column p is 4 consecutive values of A's row p, one or two v128 copies. */
function packColsBody(f64: boolean): { code: Code; locals: Locals; v128s: number } {
  const es = f64 ? 8 : 4;
  const L = new Locals(PARAMS);
  const q = L.take(), p = L.take(), d = L.take(), s = L.take(), lm = L.take();
  const code = new Code();
  code.get(M).i32(es).mul().set(lm); // bytes per row of A
  code.get(DST).set(d);
  quadLoop(code, q, () => {
    code.get(SRC).get(q).i32(4 * es).mul().add().set(s);
    code.get(K).set(p);
    code.block().loop();
    code.get(p).eqz().brIf(1);
    code.get(d).get(s).v128Load(0).v128Store(0);
    if (f64) code.get(d).get(s).v128Load(16).v128Store(16);
    code.incBy(s, lm);
    code.inc(d, 4 * es);
    code.get(p).i32(1).sub().set(p);
    code.br(0);
    code.end().end();
  });
  return { code, locals: L, v128s: 0 };
}

/** B stored k×n: panel j's row p is the 32 bytes at src + p·ldsrc + 32j, copied to dst + j·k·32 + p·32. */
function packPanelsBody(): { code: Code; locals: Locals; v128s: number } {
  const LDSRC = 4; // the parameter after k: bytes per row of B
  const L = new Locals(PARAMS);
  const j = L.take(), p = L.take(), d = L.take(), s = L.take();
  const code = new Code();
  code.get(DST).set(d);
  quadLoop(code, j, () => {
    code.get(SRC).get(j).i32(32).mul().add().set(s);
    code.get(K).set(p);
    code.block().loop();
    code.get(p).eqz().brIf(1);
    code.get(d).get(s).v128Load(0).v128Store(0);
    code.get(d).get(s).v128Load(16).v128Store(16);
    code.incBy(s, LDSRC);
    code.inc(d, 32);
    code.get(p).i32(1).sub().set(p);
    code.br(0);
    code.end().end();
  });
  return { code, locals: L, v128s: 0 };
}

function spec(name: string, k: { code: Code; locals: Locals; v128s: number }): FuncSpec {
  return funcSpec(name, k.code, k.locals, k.v128s);
}

/**
 * For the module: `pr32`/`pr64` (groups of 4 rows: A stored m×k, a wide B stored n×k, the matrix transpose),
 * `pt32`/`pt64` (A stored k×m, transposed), `pn` (a wide B stored k×n). @internal
 */
export function packFunctions(): FuncSpec[] {
  return [
    spec('pr32', packRowsBody(false)),
    spec('pr64', packRowsBody(true)),
    spec('pt32', packColsBody(false)),
    spec('pt64', packColsBody(true)),
    spec('pn', packPanelsBody()),
  ];
}
