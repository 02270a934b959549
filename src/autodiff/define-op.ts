import { AutodiffError, InvalidArgumentError } from '../errors.js';
import { describe } from '../_internal/shape.js';
import { isTensor, Tensor } from '../tensor.js';
import { anomalyEnabled, anomalyForward } from './anomaly.js';
import { isGradEnabled, peekTensorId, swapGradMode } from './state.js';

/**
 * What a backward rule can read about the op application it differentiates.
 * @typeParam In - the op's input tensors, as a tuple.
 * @typeParam A - the op's non-tensor attributes (an axis, an exponent), or `undefined`.
 * @typeParam S - what `forward` saved with `ctx.save`, or `undefined`.
 * @category Autodiff
 */
export interface OpContext<In extends readonly Tensor[], A, S> {
  /** The inputs the op was applied to (recorded tensors: differentiable again under `createGraph`). */
  readonly inputs: In;
  /** The op's output (recorded: rules like `d sigmoid = g·y·(1 − y)` use it). */
  readonly output: Tensor;
  /** The attributes the op was applied with. */
  readonly attrs: A;
  /** Whatever `forward` passed to `ctx.save`, or `undefined`. */
  readonly saved: S | undefined;
}

/**
 * The forward half's handle to stash values for the backward rule.
 * @typeParam S - the type of what is saved.
 * @category Autodiff
 */
export interface ForwardContext<S> {
  /** Keeps `value` for the backward rule (it is dropped when nothing is being recorded). */
  save(value: S): void;
}

/**
 * One gradient per input, in input order; `null` for an input that gets none.
 * @category Autodiff
 */
export type GradList<In extends readonly Tensor[]> = { readonly [K in keyof In]: Tensor | null };

/**
 * An op declared once with its forward computation and its backward rule.
 * @category Autodiff
 */
export interface OpDefinition<In extends readonly Tensor[], A = undefined, S = undefined> {
  /** The op's name in PascalCase (`'MatMul'`); errors and reports use it. */
  readonly name: string;
  /**
   * Computes the output from the inputs. Runs without recording, so it may use any Tensor op or kernel.
   * It must not modify its inputs.
   */
  forward(inputs: In, attrs: A, ctx: ForwardContext<S>): Tensor;
  /**
   * Given the gradient of the output, returns the gradient of each input, written in Tensor ops
   * so that it can be differentiated again. The engine sums a gradient over broadcast axes and casts it
   * to its input's dtype; any other shape mismatch is an error.
   */
  backward(grad: Tensor, ctx: OpContext<In, A, S>): GradList<In>;
}

/**
 * An op made by {@link defineOp}: call it with the input tensors (and attributes, if it has any).
 * @category Autodiff
 */
export interface Op<In extends readonly Tensor[], A = undefined> {
  (inputs: In, ...attrs: A extends undefined ? [] : [attrs: A]): Tensor;
  /** The op's name as given to `defineOp`. */
  readonly opName: string;
}

/** A recorded application of an op: the tape's node. @internal */
export class TapeNode<In extends readonly Tensor[] = readonly Tensor[], A = unknown, S = unknown>
  implements OpContext<In, A, S>, ForwardContext<S>
{
  saved: S | undefined = undefined;
  output!: Tensor;
  released = false;
  /** The topological sort that last reached this node (an identity token, so the sort needs no Set of tensors). */
  visit: object | null = null;
  /** Where the op was applied, captured only in anomaly mode. */
  site: string | undefined = undefined;
  /** The output's gradient accumulated so far by the backward pass that owns {@link gradPass} (a field, not a Map entry: cheaper per op). */
  grad: Tensor | null = null;
  /** The backward pass (an identity token) that owns {@link grad}, or null when no pass does. */
  gradPass: object | null = null;
  /** One more than the deepest recorded input (0 when every input is a leaf): consumers are always deeper than their inputs. */
  readonly depth: number;
  constructor(
    readonly def: OpDefinition<In, A, S>,
    public inputs: In,
    readonly attrs: A,
  ) {
    let depth = 0;
    for (let i = 0; i < inputs.length; i++) {
      const n = (inputs[i] as Tensor)._node;
      if (n !== null && n.depth >= depth) depth = n.depth + 1;
    }
    this.depth = depth;
  }

  save(value: S): void {
    this.saved = value;
  }

  /** Lets go of everything the node holds, so the graph behind it can be collected. */
  release(): void {
    this.released = true;
    this.inputs = NO_INPUTS as unknown as In; // shared: releasing allocates nothing
    this.saved = undefined;
  }
}

const noRecord: ForwardContext<unknown> = { save() {} };
const NO_INPUTS: readonly Tensor[] = Object.freeze([]);

/**
 * Declares an op from its forward computation and its backward rule. Every built-in op is declared this way,
 * so a user's op runs on exactly the path the library's own ops do, and can be checked with `gradcheck`.
 * @param def - name, forward and backward (see {@link OpDefinition}).
 * @returns a function applying the op to a tuple of input tensors.
 * @throws {@link InvalidArgumentError} when `def` lacks a name, a forward or a backward.
 * @category Autodiff
 * @example
 * ```ts
 * import { defineOp, Tensor, grad } from 'tinygrad-ts';
 * // softplus(x) = log(1 + eˣ), d/dx = sigmoid(x)
 * const Softplus = defineOp<[Tensor]>({
 *   name: 'Softplus',
 *   forward: ([x]) => x.exp().add(1).log(),
 *   backward: (g, { inputs: [x] }) => [g.mul(x.sigmoid())],
 * });
 * const dx = grad((x: Tensor) => Softplus([x]).sum())(Tensor.from([0, 1], { dtype: 'float64' }));
 * console.log(dx.toArray()); // [0.5, 0.7310585786300049]
 * ```
 */
export function defineOp<In extends readonly Tensor[], A = undefined, S = undefined>(
  def: OpDefinition<In, A, S>,
): Op<In, A> {
  if (typeof def?.name !== 'string' || typeof def.forward !== 'function' || typeof def.backward !== 'function') {
    throw new InvalidArgumentError(`defineOp: expected { name, forward, backward }, got ${describe(def)}`);
  }
  const name = def.name;
  const apply = (inputs: In, attrs?: A): Tensor => {
    let record = false;
    for (let i = 0; i < inputs.length; i++) {
      const x = inputs[i];
      if (!isTensor(x)) throw new InvalidArgumentError(`${name}: input ${i} is ${describe(x)}, expected a Tensor`);
      if (x.requiresGrad) record = true;
    }
    record &&= isGradEnabled();
    const node = record ? new TapeNode(def, inputs, attrs as A) : null;
    // forward runs unrecorded; swap/restore instead of withGradMode's closure (this runs once per op)
    const prevMode = swapGradMode(false);
    const fresh = peekTensorId(); // tensors numbered from here on were made by this forward
    let out: Tensor;
    try {
      out = def.forward(inputs, attrs as A, node ?? (noRecord as ForwardContext<S>));
    } finally {
      swapGradMode(prevMode);
    }
    if (!isTensor(out)) throw new AutodiffError(`${name}: forward returned ${describe(out)}, expected a Tensor`);
    if (anomalyEnabled) anomalyForward(name, inputs, out, node);
    if (node) {
      // The output must be a fresh tensor to carry the node, even when forward handed back an input or a tensor
      // it keeps (a cached constant): marking that one would give it a history and requiresGrad for every later use.
      if (out.requiresGrad || out._id < fresh) out = Tensor._wrap(out.data, out.shape);
      node.output = out;
      out._node = node as TapeNode;
      out.requiresGrad = true;
    } else if (out.requiresGrad) {
      // Unrecorded results carry no history, even when forward handed back a recorded tensor.
      out = Tensor._wrap(out.data, out.shape);
    }
    return out;
  };
  return Object.assign(apply, { opName: name }) as unknown as Op<In, A>;
}
