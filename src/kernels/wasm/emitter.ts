// A minimal WebAssembly binary writer: just what the generated kernels need (one memory import, i32/v128 code).
// Writing the bytes here keeps the repository self-contained: no toolchain, no prebuilt .wasm, no file loading.

/** Value types. @internal */
export const I32 = 0x7f;
/** @internal */
export const V128 = 0x7b;

/** Unsigned LEB128. @internal */
export function uleb(n: number, out: number[] = []): number[] {
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). @internal */
export function sleb(n: number, out: number[] = []): number[] {
  n |= 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function name(s: string): number[] {
  const bytes = Array.from(new TextEncoder().encode(s));
  return [...uleb(bytes.length), ...bytes];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** Instruction builder for one function body; method names follow the text format. @internal */
export class Code {
  readonly bytes: number[] = [];
  private emit(...b: number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }
  get(i: number): this { return this.emit(0x20, ...uleb(i)); }
  set(i: number): this { return this.emit(0x21, ...uleb(i)); }
  tee(i: number): this { return this.emit(0x22, ...uleb(i)); }
  i32(v: number): this { return this.emit(0x41, ...sleb(v)); }
  add(): this { return this.emit(0x6a); }
  sub(): this { return this.emit(0x6b); }
  mul(): this { return this.emit(0x6c); }
  eqz(): this { return this.emit(0x45); }
  ltS(): this { return this.emit(0x48); }
  geS(): this { return this.emit(0x4e); }
  gtS(): this { return this.emit(0x4a); }
  and(): this { return this.emit(0x71); }
  shrU(): this { return this.emit(0x76); }
  select(): this { return this.emit(0x1b); }
  block(): this { return this.emit(0x02, 0x40); }
  loop(): this { return this.emit(0x03, 0x40); }
  br(depth: number): this { return this.emit(0x0c, ...uleb(depth)); }
  brIf(depth: number): this { return this.emit(0x0d, ...uleb(depth)); }
  end(): this { return this.emit(0x0b); }
  /** Scalar store: f32.store (0x38) or f64.store (0x39), natural alignment. */
  fstore(f64: boolean, offset = 0): this { return this.emit(f64 ? 0x39 : 0x38, f64 ? 3 : 2, ...uleb(offset)); }
  /** i8x16.shuffle of the two v128 on the stack: `lanes` are 16 byte indices into their 32 bytes. */
  shuffle(lanes: readonly number[]): this { return this.simd(0x0d, ...lanes); }
  /** Scalar load: f32.load (0x2a) or f64.load (0x2b), natural alignment. */
  fload(f64: boolean, offset = 0): this { return this.emit(f64 ? 0x2b : 0x2a, f64 ? 3 : 2, ...uleb(offset)); }
  /** SIMD opcode with 0xfd prefix. */
  simd(op: number, ...imm: number[]): this { return this.emit(0xfd, ...uleb(op), ...imm); }
  v128Load(offset = 0): this { return this.simd(0x00, 4, ...uleb(offset)); }
  v128Store(offset = 0): this { return this.simd(0x0b, 4, ...uleb(offset)); }
  splat(f64: boolean): this { return this.simd(f64 ? 0x14 : 0x13); }
  /** v128.load32_splat / v128.load64_splat: one scalar from memory into every lane. */
  loadSplat(f64: boolean, offset = 0): this { return this.simd(f64 ? 0x0a : 0x09, f64 ? 3 : 2, ...uleb(offset)); }
  vadd(f64: boolean): this { return this.simd(f64 ? 0xf0 : 0xe4); }
  vmul(f64: boolean): this { return this.simd(f64 ? 0xf2 : 0xe6); }
  zeroV128(): this { return this.simd(0x0c, ...new Array<number>(16).fill(0)); }
  /** Opcode bytes the named methods do not cover (callers name them as constants). */
  raw(...b: number[]): this { return this.emit(...b); }
  /** `i += step` for an i32 local. */
  inc(i: number, step: number): this { return this.get(i).i32(step).add().set(i); }
  /** `i += other` for i32 locals. */
  incBy(i: number, other: number): this { return this.get(i).get(other).add().set(i); }
}

/** Hands out local indices of one function: its parameters first, then its locals in the order taken. @internal */
export class Locals {
  next: number;
  constructor(readonly params: number) {
    this.next = params;
  }
  take(n = 1): number {
    const at = this.next;
    this.next += n;
    return at;
  }
}

/** One exported function: its i32 parameter count, extra locals by type, and body. @internal */
export interface FuncSpec {
  readonly name: string;
  readonly params: number; // all i32
  readonly locals: ReadonlyArray<readonly [count: number, type: number]>;
  readonly body: Code;
}

/**
 * One exported function whose i32 locals were taken from `locals` first and its `v128s` vector locals last
 * (all its parameters are i32). @internal
 */
export function funcSpec(name: string, body: Code, locals: Locals, v128s = 0): FuncSpec {
  const counts: Array<readonly [number, number]> = [[locals.next - locals.params - v128s, I32]];
  if (v128s > 0) counts.push([v128s, V128]);
  return { name, params: locals.params, locals: counts, body };
}

/** A module importing `env.mem` (min `pages`; shared with a maximum of `sharedMax` pages when given) and exporting `funcs`. @internal */
export function moduleBytes(funcs: readonly FuncSpec[], pages: number, sharedMax?: number): Uint8Array {
  const types = funcs.map((f) => [0x60, ...vec(new Array(f.params).fill([I32])), 0]);
  const limits = sharedMax === undefined ? [0x00, ...uleb(pages)] : [0x03, ...uleb(pages), ...uleb(sharedMax)];
  const imports = vec([[...name('env'), ...name('mem'), 0x02, ...limits]]);
  const fnSec = vec(funcs.map((_, i) => uleb(i)));
  const exports = vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]));
  const code = vec(
    funcs.map((f) => {
      const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body.bytes, 0x0b];
      return [...uleb(body.length), ...body];
    }),
  );
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, fnSec),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
