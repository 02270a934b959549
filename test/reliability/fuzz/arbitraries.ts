// fast-check arbitraries for fuzzing the public API from "untyped JavaScript": valid tensors and junk of every kind.
import fc from 'fast-check';
import { type DType, Tensor, TinygradError } from '../../../src/index.js';

export const dtypeArb = fc.constantFrom<DType>('float32', 'float64');

/** Shapes of rank 0–4 with small dimensions, 0-sized ones included. */
export const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });

/** Finite values mostly, with the IEEE specials mixed in. */
export const valueArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e308, -1e308, 5e-324) },
);

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Like {@link valueArb} without ±1e308: sums of those overflow differently in every summation order. */
export const noOverflowValueArb = valueArb.filter((v) => !(Math.abs(v) > 1e300 && Number.isFinite(v)));

export function tensorOf(shapeA: fc.Arbitrary<number[]>, dtype: fc.Arbitrary<DType> = dtypeArb, values: fc.Arbitrary<number> = valueArb): fc.Arbitrary<Tensor> {
  return fc.tuple(shapeA, dtype, fc.boolean()).chain(([shape, dt, requiresGrad]) =>
    fc.array(values, { minLength: size(shape), maxLength: size(shape) }).map((vals) => Tensor.from(vals, { shape, dtype: dt, requiresGrad })),
  );
}

export const tensorArb = tensorOf(shapeArb);

/** Doubles in [-10, 10] on a 1/8 grid: as shape entries or arange bounds they can never request gigabytes. */
const junkDouble = fc.double({ min: -10, max: 10, noNaN: true }).map((v) => Math.round(v * 8) / 8);

/** Mixed-depth nested arrays with junk leaves. */
const nestedJunk = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, junkDouble, fc.string({ maxLength: 3 }), fc.constant(undefined), fc.array(tie('node'), { maxLength: 3 })),
})).node;

/** Sizes an untyped caller might pass: negative, fractional, huge, non-finite. Huge ones exceed the element limit, so nothing is allocated. */
export const badSizeArb = fc.constantFrom(-1, -0.5, 0.5, 2.5, 1e-300, 2 ** 31, 2 ** 40, 1e300, Infinity, -Infinity, NaN, Number.MAX_SAFE_INTEGER);

/** Arrays nested deeper than the 64 dimensions a tensor may have. */
const deepNested = ((): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < 200; i++) v = [v]; // deep enough to pass 64, shallow enough for fast-check to print
  return v;
})();

/** Anything a JavaScript caller could pass where the library expects something specific. */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: tensorArb },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 5 }) },
  // moderate doubles: arange(0, 1000, 1e-6) is a legitimate 4 GB request, not a bug, and must not be generated
  { weight: 1, arbitrary: junkDouble },
  { weight: 1, arbitrary: badSizeArb },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, true, false, 'float64', 'float32', 'int8', '__proto__') },
  { weight: 2, arbitrary: fc.array(fc.integer({ min: -2, max: 4 }), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(badSizeArb, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: nestedJunk },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({}, { keepdims: true }, { dtype: 'float64' }, { requiresGrad: true }, { reduction: 'sum' }, { bogus: 1 }, JSON.parse('{"__proto__": {"x": 1}}') as unknown) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(new Float32Array([1, 2]), new Float64Array(0), new Int32Array([0, 1]), new Uint8Array([3]), new BigInt64Array(1), new DataView(new ArrayBuffer(4)), Symbol('s'), () => 1, 10n, deepNested, new Array(100).fill(1), [1, , 3]) },
);

/** Checks the invariants every returned tensor must satisfy (a shape that matches the data). */
export function expectWellFormed(t: Tensor): void {
  if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`bad shape ${String(t.shape)}`);
  if (size(t.shape) !== t.data.length) throw new Error(`shape [${t.shape.join(', ')}] does not match ${t.data.length} values`);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new Error(`bad dtype ${String(t.dtype)}`);
}

/**
 * Runs `call`; it must return normally or throw a TinygradError whose message mentions one of `names`.
 * Anything else (a TypeError or RangeError from a kernel, a plain Error) fails the property.
 */
export function expectCleanOutcome(call: () => unknown, names: readonly string[]): unknown {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    if (!(e instanceof TinygradError)) {
      throw new Error(`expected a TinygradError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`, { cause: e });
    }
    const msg = e.message.toLowerCase();
    if (!names.some((n) => msg.includes(n.toLowerCase()))) {
      throw new Error(`error message does not name ${names.join(' / ')}: ${e.message}`, { cause: e });
    }
    return undefined;
  }
  if (result instanceof Tensor) expectWellFormed(result);
  return result;
}

/** Run count of a property: `base` in the suite, times FUZZ_SCALE for a longer hunt (`FUZZ_SCALE=20 npx vitest run test/reliability/fuzz`). */
export function runs(base: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
