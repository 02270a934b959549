import { InvalidArgumentError } from './errors.js';

// A small counter-free PRNG (sfc32) seeded through splitmix32: integer arithmetic only,
// so the same seed gives the same numbers in every JavaScript engine.

/** @internal */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new InvalidArgumentError(`seed must be a finite number, got ${String(seed)}`);
    }
    let s = seed >>> 0 ^ Math.floor(seed / 4294967296) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal by Marsaglia's polar method (only sqrt and log, no trigonometry). */
  normal(): number {
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }
}

// The generator used when no seed is given: fixed start, so programs are reproducible by default.
let globalRng = new Rng(0);

/** @internal */
export function rngFor(seed: number | undefined): Rng {
  return seed === undefined ? globalRng : new Rng(seed);
}

/**
 * Reseeds the generator that `Tensor.rand`/`Tensor.randn` (and initialisers) use when no `seed` option is given.
 * @param seed - any finite number; the same seed gives the same sequence on every platform.
 * @category Tensor
 * @example
 * ```ts
 * import { Tensor, manualSeed } from 'tinygrad-ts';
 * manualSeed(42);
 * const a = Tensor.rand([2]);
 * manualSeed(42);
 * const b = Tensor.rand([2]);
 * console.log(a.toArray(), b.toArray()); // the same numbers twice
 * ```
 */
export function manualSeed(seed: number): void {
  globalRng = new Rng(seed);
}
