import * as fc from 'fast-check';
import type { Op } from '../autodiff/define-op.js';
import { InvalidArgumentError } from '../errors.js';
import { gradcheck, type GradcheckOptions } from '../check/gradcheck.js';
import { gradgradcheck } from '../check/gradgradcheck.js';
import { describe } from '../_internal/shape.js';
import type { Tensor } from '../tensor.js';

/**
 * One generated application of an op: its input tensors and, for an op with attributes, the attributes.
 * @category Testing
 */
export interface OpSample<In extends readonly Tensor[], A = undefined> {
  /** The op's input tensors, in order. */
  readonly inputs: In;
  /** The op's attributes (an axis, an exponent), for an op declared with them. */
  readonly attrs?: A;
}

/**
 * Options of {@link checkOpGradients}.
 * @category Testing
 */
export interface CheckOpGradientsOptions<In extends readonly Tensor[], A = undefined> {
  /** Generates the op's inputs: a tuple of tensors, or `{ inputs, attrs }` for an op with attributes. */
  readonly arbitrary: fc.Arbitrary<In | OpSample<In, A>>;
  /** How many random cases to check (default 50). */
  readonly runs?: number;
  /** fast-check's seed, to replay a failure (fast-check prints it). Default: a fresh one each run. */
  readonly seed?: number;
  /** Also check second derivatives with `gradgradcheck` (default false; for smooth ops). */
  readonly secondOrder?: boolean;
  /** Options passed to `gradcheck` (tolerances, `fastMode`, …). */
  readonly gradcheck?: GradcheckOptions;
}

/**
 * A one-line property test of an op's gradients: for `runs` random inputs from `arbitrary`, `gradcheck`
 * (and, with `secondOrder`, `gradgradcheck`) must pass. A failure throws fast-check's error, which shows the
 * seed, the shrunk counterexample (printed as code) and the gradcheck report naming the worst element.
 * @param op - an op made with `defineOp`, or any function of tensors returning a tensor.
 * @param options - `arbitrary` (required), `runs`, `seed`, `secondOrder`, `gradcheck`.
 * @throws the fast-check failure (wrapping a `GradcheckError`) when a case fails; {@link InvalidArgumentError} for bad options.
 * @category Testing
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { Tensor, defineOp } from 'tinygrad-ts';
 * import { checkOpGradients, shapeArb, tensorArb } from 'tinygrad-ts/testing';
 * const Softplus = defineOp<[Tensor]>({
 *   name: 'Softplus',
 *   forward: ([x]) => x.exp().add(1).log(),
 *   backward: (g, { inputs: [x] }) => [g.mul(x.sigmoid())], // d/dx log(1 + eˣ) = σ(x)
 * });
 * checkOpGradients(Softplus, {
 *   arbitrary: shapeArb().chain((s) => tensorArb(s)).map((x) => [x] as [Tensor]),
 *   runs: 20,
 *   secondOrder: true,
 * });
 * console.log('Softplus gradients check out');
 * ```
 */
export function checkOpGradients<In extends readonly Tensor[], A = undefined>(
  op: Op<In, A> | ((...inputs: In) => Tensor),
  options: CheckOpGradientsOptions<In, A>,
): void {
  if (typeof op !== 'function') throw new InvalidArgumentError(`checkOpGradients: op must be an op or a function, got ${describe(op)}`);
  if (typeof (options?.arbitrary as { generate?: unknown } | undefined)?.generate !== 'function') {
    throw new InvalidArgumentError(`checkOpGradients: options.arbitrary must be a fast-check arbitrary, got ${describe(options?.arbitrary)}`);
  }
  const runs = options.runs ?? 50;
  if (!Number.isInteger(runs) || runs < 1) throw new InvalidArgumentError(`checkOpGradients: runs must be a positive integer, got ${describe(runs)}`);
  // a property fails only by throwing or returning false: a returned (failed) report would pass unseen
  const check: GradcheckOptions = { ...options.gradcheck, raiseOnFailure: true };
  const isOp = typeof (op as { opName?: unknown }).opName === 'string';
  const property = fc.property(options.arbitrary, (sample) => {
    const { inputs, attrs } = Array.isArray(sample) ? { inputs: sample as In, attrs: undefined } : (sample as OpSample<In, A>);
    const apply = (...xs: Tensor[]): Tensor =>
      isOp ? (op as unknown as (i: readonly Tensor[], a?: A) => Tensor)(xs, attrs) : (op as unknown as (...i: Tensor[]) => Tensor)(...xs);
    gradcheck(apply, [...inputs], check);
    if (options.secondOrder === true) gradgradcheck(apply, [...inputs], check);
  });
  fc.assert(property, options.seed === undefined ? { numRuns: runs } : { numRuns: runs, seed: options.seed });
}
