// The library's module-level autodiff state: whether ops record (anomaly mode keeps its own flag in anomaly.ts),
// and how many tensors were created (so defineOp can tell a fresh forward result from one that existed before).
let gradEnabled = true;
let tensorsCreated = 0;

/** A new tensor's creation number (increasing). @internal */
export function nextTensorId(): number {
  return tensorsCreated++;
}

/** The creation number the next tensor will get. @internal */
export function peekTensorId(): number {
  return tensorsCreated;
}

/** @internal */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` with recording switched on or off, restoring the previous mode afterwards. @internal */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Sets the recording mode and returns the previous one: the closure-free form of {@link withGradMode} for the per-op hot path. @internal */
export function swapGradMode(enabled: boolean): boolean {
  const prev = gradEnabled;
  gradEnabled = enabled;
  return prev;
}

/**
 * Runs `fn` without recording anything on the tape: results have no gradient history.
 * Use it for evaluation, metrics and in-place parameter updates.
 * @param fn - the computation to run unrecorded.
 * @returns whatever `fn` returns.
 * @category Autodiff
 * @example
 * ```ts
 * import { Tensor, noGrad } from 'tinygrad-ts';
 * const w = Tensor.ones([2], { requiresGrad: true });
 * const y = noGrad(() => w.mul(3));
 * console.log(y.requiresGrad); // false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}
