// What every contender in the benchmark provides: prepared closures, so timing covers only the work.

/** A timed unit of work; returns something derived from the result so it cannot be optimised away. */
export type Job = () => number | Promise<number>;

export type Variant = 'AB' | 'AtB' | 'ABt' | 'AtBt';

export interface Contender {
  readonly name: string;
  /** Makes this contender's backend current (tfjs keeps one global backend). */
  activate(): Promise<void>;
  /** C = op(A)·op(B), n×n float32, result read back to JS. */
  matmul(n: number, variant: Variant): Job;
  /** The two-layer net 784-100-10, batch 100: forward (loss) and forward + backward (loss and 4 gradients). */
  mlp(): { forward: Job; forwardBackward: Job };
  /** `ops` elementwise ops on 1-element tensors, then the gradient of the chain (null when unsupported). */
  tape(ops: number): Job | null;
}

/** Deterministic data shared by all contenders (same inputs everywhere). */
export function filled(size: number, seed: number): Float32Array {
  const a = new Float32Array(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    a[i] = (s / 4294967296 - 0.5) * 0.2;
  }
  return a;
}

/** Labels 0…9 for the batch, deterministic. */
export function labels(batch: number): Int32Array {
  const l = new Int32Array(batch);
  for (let i = 0; i < batch; i++) l[i] = (i * 7) % 10;
  return l;
}

export const MLP = { batch: 100, input: 784, hidden: 100, classes: 10 } as const;
