// Anomaly mode: find the first op whose forward or backward produced NaN or ±Infinity, and say where it was created.
import { AutodiffError, InvalidArgumentError } from '../errors.js';
import { describe, formatShape } from '../_internal/shape.js';
import type { Tensor } from '../tensor.js';

/** Whether anomaly checks run. Read as one boolean in the hot paths of defineOp and backward. @internal */
export let anomalyEnabled = false;

/**
 * The error anomaly mode throws: the op, its input shapes, what first went non-finite, and where the op was created.
 * @category Errors
 * @example
 * ```ts
 * import { Tensor, detectAnomaly, AnomalyError } from 'tinygrad-ts';
 * try {
 *   detectAnomaly(() => Tensor.from([0]).log());
 * } catch (e) {
 *   console.log(e instanceof AnomalyError, (e as AnomalyError).op); // true Log
 * }
 * ```
 */
export class AnomalyError extends AutodiffError {
  /** The op's name (`'Log'`, `'Div'`, …). */
  readonly op: string;
  /** `'forward'` when the op's output went non-finite, `'backward'` when a gradient did. */
  readonly phase: 'forward' | 'backward';
  /** The first stack frame outside the library when the op was applied (recorded), or `undefined` if unknown. */
  readonly createdAt: string | undefined;
  constructor(message: string, op: string, phase: 'forward' | 'backward', createdAt: string | undefined) {
    super(message);
    this.op = op;
    this.phase = phase;
    this.createdAt = createdAt;
  }
}

/**
 * Runs `fn` in anomaly mode: every op (forward, and backward during `backward()`/`grad` inside `fn`) checks its
 * results, and the first NaN or ±Infinity throws an {@link AnomalyError} naming the op, its input shapes, which output,
 * input or gradient first went non-finite, and the line of your code that applied the op — like PyTorch's
 * `detect_anomaly`. It slows every op down (a scan of each result and a captured stack), so use it to hunt a NaN,
 * not in production. Off by default; when off it costs one boolean check per op. `fn` must be synchronous.
 * @param fn - the computation to watch (a training step, a loss and its gradient).
 * @returns whatever `fn` returns.
 * @throws {@link AnomalyError} at the first non-finite value an op produces; {@link InvalidArgumentError} when `fn` is not a function.
 * @category Autodiff
 * @example
 * ```ts
 * import { Tensor, detectAnomaly, grad } from 'tinygrad-ts';
 * const x = Tensor.from([0, 1], { dtype: 'float64' });
 * try {
 *   detectAnomaly(() => grad((v: Tensor) => v.sqrt().sum())(x)); // d√x at 0 is Infinity
 * } catch (e) {
 *   console.log((e as Error).message.split('\n')[0]);
 *   // Sqrt (backward): the gradient of input 0 (shape [2]) has Infinity at index 0 ...
 * }
 * ```
 */
export function detectAnomaly<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new InvalidArgumentError(`detectAnomaly: expected a function to run, got ${describe(fn)}`);
  const prev = anomalyEnabled;
  anomalyEnabled = true;
  try {
    return fn();
  } finally {
    anomalyEnabled = prev;
  }
}

/**
 * Whether anomaly mode is on (inside {@link detectAnomaly}).
 * @returns true inside `detectAnomaly`.
 * @category Autodiff
 * @example
 * ```ts
 * import { detectAnomaly, isAnomalyEnabled } from 'tinygrad-ts';
 * console.log(isAnomalyEnabled(), detectAnomaly(() => isAnomalyEnabled())); // false true
 * ```
 */
export function isAnomalyEnabled(): boolean {
  return anomalyEnabled;
}

/** Index of the first NaN or ±Infinity in `t`, or −1. */
function firstNonFinite(t: Tensor): number {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number;
    if (v - v !== 0) return i; // NaN − NaN and ∞ − ∞ are NaN; finite v − v is 0
  }
  return -1;
}

function valueName(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

// Frames from the library's own files are skipped, so the reported line is the user's.
const LIBRARY_ROOT = ((): string | undefined => {
  const frame = new Error().stack?.split('\n')[1] ?? '';
  const file = /\(?((?:file:\/\/)?[^()\s]+?):\d+:\d+\)?$/.exec(frame)?.[1];
  if (file === undefined) return undefined;
  const src = file.lastIndexOf('/src/');
  return src >= 0 ? file.slice(0, src + 5) : file.slice(0, file.lastIndexOf('/') + 1);
})();

/** The first stack frame outside the library (the user's line that applied an op). @internal */
function captureCreationSite(): string | undefined {
  const lines = new Error().stack?.split('\n').slice(1) ?? [];
  const outside = lines.find((l) => !(LIBRARY_ROOT !== undefined && l.includes(LIBRARY_ROOT)) && !l.includes('node:internal'));
  return (outside ?? lines[lines.length - 1])?.trim().replace(/^at /, '');
}

function shapesOf(inputs: readonly Tensor[]): string {
  return inputs.map((x) => formatShape(x.shape)).join(', ');
}

function where(site: string | undefined): string {
  return site === undefined ? '' : `\n  op created at ${site}`;
}

/** Throws when a forward result is non-finite, saying whether an input already was. @internal */
function checkForward(op: string, inputs: readonly Tensor[], out: Tensor, site: string | undefined): void {
  const at = firstNonFinite(out);
  if (at < 0) return;
  const bad = inputs.map((x, k) => [k, firstNonFinite(x)] as const).filter(([, i]) => i >= 0);
  const cause = bad.length === 0
    ? 'from finite inputs'
    : bad.map(([k, i]) => `input ${k} already has ${valueName(inputs[k]?.data[i] as number)} at index ${i}`).join('; ');
  throw new AnomalyError(
    `${op} (forward): the output (shape ${formatShape(out.shape)}) has ${valueName(out.data[at] as number)} at index ${at}, ${cause}; ` +
      `input shapes ${shapesOf(inputs)}${where(site ?? captureCreationSite())}`,
    op, 'forward', site,
  );
}

/** Throws when a backward rule gave a non-finite gradient, saying whether the incoming gradient already was. @internal */
function checkBackward(
  op: string, inputs: readonly Tensor[], gradOut: Tensor, grads: readonly (Tensor | null | undefined)[], site: string | undefined,
): void {
  for (let k = 0; k < grads.length; k++) {
    const g = grads[k];
    // a gradient the engine will drop (its input needs none, like Pow's exponent) is no anomaly
    if (g === null || g === undefined || typeof g !== 'object' || !('data' in g) || inputs[k]?.requiresGrad !== true) continue;
    const at = firstNonFinite(g);
    if (at < 0) continue;
    const inAt = firstNonFinite(gradOut);
    const cause = inAt < 0
      ? 'from a finite output gradient'
      : `the output gradient already has ${valueName(gradOut.data[inAt] as number)} at index ${inAt}`;
    throw new AnomalyError(
      `${op} (backward): the gradient of input ${k} (shape ${formatShape(g.shape)}) has ${valueName(g.data[at] as number)} at index ${at}, ${cause}; ` +
        `input shapes ${shapesOf(inputs)}${where(site)}`,
      op, 'backward', site,
    );
  }
}

/** Anomaly mode's forward hook: remembers where the op was applied (for its backward) and checks its output. @internal */
export function anomalyForward(op: string, inputs: readonly Tensor[], out: Tensor, node: { site?: string | undefined } | null): void {
  const site = captureCreationSite();
  if (node !== null) node.site = site;
  checkForward(op, inputs, out, site);
}

/** Runs a backward rule with the checks of the ops inside it off (so the rule's op is the one named), then checks its gradients. @internal */
export function anomalyBackward<R>(op: string, inputs: readonly Tensor[], gradOut: Tensor, site: string | undefined, rule: () => R): R {
  anomalyEnabled = false;
  let grads: R;
  try {
    grads = rule();
  } finally {
    anomalyEnabled = true;
  }
  if (Array.isArray(grads)) checkBackward(op, inputs, gradOut, grads, site);
  return grads;
}
