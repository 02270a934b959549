// Generates the WebAssembly SIMD elementwise functions: + − × ÷ on equal shapes or against a repeated row (the bias
// of x·W + b), relu, relu's backward (g where x > 0, else 0), and the sum over rows (a bias's gradient). A JavaScript
// loop over a Float32Array runs at 1–3 ns per value; these run 4 (float32) or 2 (float64) values per instruction and
// give the same values: +, −, ×, ÷ and max are exactly rounded in both, and the sum over rows adds in float64, in
// row order, as the TypeScript kernel does.
import { Code, funcSpec, Locals, moduleBytes, type FuncSpec } from './emitter.js';

/** The arithmetic operators, in the order of their exports (`add32`, `sub32`, …, then `add64`, …). @internal */
export const EW_ARITH = ['add', 'sub', 'mul', 'div'] as const;

// SIMD opcodes (after the 0xfd prefix) of +, −, ×, ÷ for f32x4 and f64x2, and the scalar opcodes of the same
const VOPS = { f32: [0xe4, 0xe5, 0xe6, 0xe7], f64: [0xf0, 0xf1, 0xf2, 0xf3] };
const SOPS = { f32: [0x92, 0x93, 0x94, 0x95], f64: [0xa0, 0xa1, 0xa2, 0xa3] };
const VMAX = { f32: 0xe9, f64: 0xf5 };
const SMAX = { f32: 0x97, f64: 0xa5 };
const VGT = { f32: 0x44, f64: 0x4a };
const SGT = { f32: 0x5e, f64: 0x64 };
const V128_AND = 0x4e;
const PROMOTE_LOW = 0x5f; // f64x2.promote_low_f32x4
const DEMOTE_ZERO = 0x5e; // f32x4.demote_f64x2_zero
const F64X2_EXTRACT_LANE = 0x21;
const F32_DEMOTE_F64 = 0xb6;

/** Pushes the scalar 0 of the dtype (f32.const 0 / f64.const 0). */
function zero(code: Code, f64: boolean): Code {
  return f64 ? code.raw(0x44, 0, 0, 0, 0, 0, 0, 0, 0) : code.raw(0x43, 0, 0, 0, 0);
}

/**
 * `for (; n ≥ w; n −= w) vector(); for (; n > 0; n −= 1) scalar();` on the i32 local `n`: whole vectors, then the
 * values left over one at a time.
 */
function vectorLoop(code: Code, n: number, w: number, vector: () => void, scalar: () => void): void {
  code.block().loop();
  code.get(n).i32(w).ltS().brIf(1);
  vector();
  code.get(n).i32(w).sub().set(n);
  code.br(0);
  code.end().end();
  code.block().loop();
  code.get(n).eqz().brIf(1);
  scalar();
  code.get(n).i32(1).sub().set(n);
  code.br(0);
  code.end().end();
}

/**
 * out = a ∘ b over `rows` rows of `cols` values; b moves `bRow` bytes per row (the row length in bytes for equal
 * shapes, 0 for one row repeated). Parameters (i32): a, b, out (bytes), rows, cols, bRow.
 */
function arithBody(f64: boolean, which: number): { code: Code; locals: Locals; v128s: number } {
  const A = 0, B = 1, OUT = 2, ROWS = 3, COLS = 4, BROW = 5;
  const es = f64 ? 8 : 4;
  const t = f64 ? 'f64' : 'f32';
  const L = new Locals(6);
  const pa = L.take(), pb = L.take(), po = L.take(), r = L.take(), n = L.take(), rowB = L.take();
  const code = new Code();
  code.get(A).set(pa).get(OUT).set(po).get(B).set(rowB).get(ROWS).set(r);
  code.block().loop();
  code.get(r).eqz().brIf(1);
  code.get(rowB).set(pb).get(COLS).set(n);
  vectorLoop(
    code, n, 16 / es,
    () => {
      code.get(po).get(pa).v128Load(0).get(pb).v128Load(0).simd(VOPS[t][which] as number).v128Store(0);
      code.inc(pa, 16).inc(pb, 16).inc(po, 16);
    },
    () => {
      code.get(po).get(pa).fload(f64).get(pb).fload(f64).raw(SOPS[t][which] as number).fstore(f64);
      code.inc(pa, es).inc(pb, es).inc(po, es);
    },
  );
  code.incBy(rowB, BROW);
  code.get(r).i32(1).sub().set(r);
  code.br(0);
  code.end().end();
  return { code, locals: L, v128s: 0 };
}

/** out = max(x, 0) (NaN stays NaN, −0 becomes 0, as Math.max). Parameters (i32): x, out (bytes), n. */
function reluBody(f64: boolean): { code: Code; locals: Locals; v128s: number } {
  const X = 0, OUT = 1, N = 2;
  const es = f64 ? 8 : 4;
  const t = f64 ? 'f64' : 'f32';
  const L = new Locals(3);
  const px = L.take(), po = L.take(), n = L.take();
  const z = L.take(); // v128 zero
  const code = new Code();
  code.get(X).set(px).get(OUT).set(po).get(N).set(n);
  code.zeroV128().set(z);
  vectorLoop(
    code, n, 16 / es,
    () => {
      code.get(po).get(px).v128Load(0).get(z).simd(VMAX[t]).v128Store(0);
      code.inc(px, 16).inc(po, 16);
    },
    () => {
      zero(code.get(po).get(px).fload(f64), f64).raw(SMAX[t]).fstore(f64);
      code.inc(px, es).inc(po, es);
    },
  );
  return { code, locals: L, v128s: 1 };
}

/** out = g where x > 0, else 0 (also where x is NaN). Parameters (i32): g, x, out (bytes), n. */
function reluGradBody(f64: boolean): { code: Code; locals: Locals; v128s: number } {
  const G = 0, X = 1, OUT = 2, N = 3;
  const es = f64 ? 8 : 4;
  const t = f64 ? 'f64' : 'f32';
  const L = new Locals(4);
  const pg = L.take(), px = L.take(), po = L.take(), n = L.take();
  const z = L.take();
  const code = new Code();
  code.get(G).set(pg).get(X).set(px).get(OUT).set(po).get(N).set(n);
  code.zeroV128().set(z);
  vectorLoop(
    code, n, 16 / es,
    () => {
      code.get(po).get(pg).v128Load(0).get(px).v128Load(0).get(z).simd(VGT[t]).simd(V128_AND).v128Store(0);
      code.inc(pg, 16).inc(px, 16).inc(po, 16);
    },
    () => {
      // select(g, 0, x > 0)
      code.get(po).get(pg).fload(f64);
      zero(code, f64);
      zero(code.get(px).fload(f64), f64).raw(SGT[t]).select().fstore(f64);
      code.inc(pg, es).inc(px, es).inc(po, es);
    },
  );
  return { code, locals: L, v128s: 1 };
}

/**
 * out[j] = Σ_i x[i, j] over `rows` rows of `cols` values, added in float64 row after row (float32 values are
 * widened first, the sums rounded once). Parameters (i32): x, out (bytes), rows, cols.
 */
function colSumBody(f64: boolean): { code: Code; locals: Locals; v128s: number } {
  const X = 0, OUT = 1, ROWS = 2, COLS = 3;
  const es = f64 ? 8 : 4;
  const L = new Locals(4);
  const pc = L.take(), po = L.take(), p = L.take(), r = L.take(), n = L.take(), ld = L.take();
  const lo = L.take(), hi = L.take(); // v128: f64x2 sums of columns j, j+1 and j+2, j+3
  const code = new Code();
  code.get(COLS).i32(es).mul().set(ld);
  code.get(X).set(pc).get(OUT).set(po).get(COLS).set(n);
  // zeroes the sums, then adds each row's values of the columns at pc (p walks down them)
  const column = (start: () => void, add: () => void): void => {
    start();
    code.get(pc).set(p).get(ROWS).set(r);
    code.block().loop();
    code.get(r).eqz().brIf(1);
    add();
    code.incBy(p, ld);
    code.get(r).i32(1).sub().set(r);
    code.br(0);
    code.end().end();
  };
  vectorLoop(
    code, n, 4,
    () => {
      column(() => code.zeroV128().set(lo).zeroV128().set(hi), () => {
        if (f64) {
          code.get(lo).get(p).v128Load(0).vadd(true).set(lo);
          code.get(hi).get(p).v128Load(16).vadd(true).set(hi);
        } else {
          code.get(lo).get(p).loadSplat(true, 0).simd(PROMOTE_LOW).vadd(true).set(lo);
          code.get(hi).get(p).loadSplat(true, 8).simd(PROMOTE_LOW).vadd(true).set(hi);
        }
      });
      if (f64) {
        code.get(po).get(lo).v128Store(0);
        code.get(po).get(hi).v128Store(16);
      } else {
        // the two f64x2 sums, rounded to float32, side by side in one f32x4
        code.get(po).get(lo).simd(DEMOTE_ZERO).get(hi).simd(DEMOTE_ZERO)
          .shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]).v128Store(0);
      }
      code.inc(pc, 4 * es).inc(po, 4 * es);
    },
    () => {
      // one column: its running sum is lane 0 of `lo`
      column(() => code.zeroV128().set(lo), () => {
        code.get(lo).get(p);
        if (f64) code.loadSplat(true, 0);
        else code.loadSplat(true, 0).simd(PROMOTE_LOW);
        code.vadd(true).set(lo);
      });
      code.get(po).get(lo).simd(F64X2_EXTRACT_LANE, 0);
      if (!f64) code.raw(F32_DEMOTE_F64);
      code.fstore(f64);
      code.inc(pc, es).inc(po, es);
    },
  );
  return { code, locals: L, v128s: 2 };
}

function fn(name: string, k: { code: Code; locals: Locals; v128s: number }): FuncSpec {
  return funcSpec(name, k.code, k.locals, k.v128s);
}

/** The function names in export order, for FN_NAMES. @internal */
export const EW_NAMES = [
  ...EW_ARITH.map((o) => `${o}32`), ...EW_ARITH.map((o) => `${o}64`),
  'relu32', 'relu64', 'relug32', 'relug64', 'colsum32', 'colsum64',
] as const;

/**
 * The module's bytes: exports the functions named in {@link EW_NAMES}, imports `env.mem` (shared, of at most
 * `sharedMax` pages, to sit beside the matmul on the helper threads' memory). A module of its own: each stays under
 * the 4 KiB that browsers compile synchronously on the main thread. @internal
 */
export function elementwiseModuleBytes(sharedMax?: number): Uint8Array {
  return moduleBytes(elementwiseFunctions(), 1, sharedMax);
}

function elementwiseFunctions(): FuncSpec[] {
  return [
    ...EW_ARITH.map((o, i) => fn(`${o}32`, arithBody(false, i))),
    ...EW_ARITH.map((o, i) => fn(`${o}64`, arithBody(true, i))),
    fn('relu32', reluBody(false)),
    fn('relu64', reluBody(true)),
    fn('relug32', reluGradBody(false)),
    fn('relug64', reluGradBody(true)),
    fn('colsum32', colSumBody(false)),
    fn('colsum64', colSumBody(true)),
  ];
}
