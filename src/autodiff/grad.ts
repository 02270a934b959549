import { AutodiffError, InvalidArgumentError } from '../errors.js';
import { booleanOption, readOptions } from '../_internal/options.js';
import { describe, formatShape, shapesEqual } from '../_internal/shape.js';
import { isTensor, Tensor } from '../tensor.js';
import { identity } from '../ops/movement.js';
import { backwardPass, graphOrder, relevantTo } from './backward.js';
import { isGradEnabled, withGradMode } from './state.js';

/**
 * Options of {@link grad} and {@link valueAndGrad}.
 * @category Autodiff
 */
export interface GradOptions<N extends number | readonly number[] = number> {
  /** Which arguments to differentiate with respect to: one index (default 0) or a list of indices. */
  readonly argnums?: N;
}

/**
 * The gradient(s) `grad` returns: one tensor for a single `argnums`, a tuple of tensors (one per index,
 * in order) for a list.
 * @category Autodiff
 */
export type Grads<N> = N extends number ? Tensor : { -readonly [K in keyof N]: Tensor };

/**
 * Options of {@link Tensor.backward}.
 * @category Autodiff
 */
export interface BackwardCallOptions {
  /** Keep the graph so that `backward()` can run through it again (default false: the graph is freed). */
  readonly retainGraph?: boolean;
  /** Record the backward pass, so the `.grad` it fills can itself be differentiated (default false). */
  readonly createGraph?: boolean;
}

/**
 * Transforms a scalar-valued function into one that returns its value and its gradient(s), like JAX's `value_and_grad`.
 * @param f - a function of tensors (and possibly other values) returning a one-element tensor.
 * @param options - `argnums`: which arguments to differentiate (default 0).
 * @returns a function with `f`'s parameters returning `[value, gradients]`.
 * @throws {@link AutodiffError} when `f` returns a non-tensor or a tensor with more than one element;
 * {@link InvalidArgumentError} when an `argnums` argument is not a tensor.
 * @category Autodiff
 * @example
 * ```ts
 * import { Tensor, valueAndGrad } from 'tinygrad-ts';
 * const f = (x: Tensor) => x.mul(x).sum();
 * const [value, dx] = valueAndGrad(f)(Tensor.from([1, 2, 3]));
 * console.log(value.item(), dx.toArray()); // 14 [2, 4, 6]
 * ```
 */
export function valueAndGrad<Args extends unknown[], const N extends number | readonly number[] = number>(
  f: (...args: Args) => Tensor,
  options: GradOptions<N> = {},
): (...args: Args) => [Tensor, Grads<N>] {
  if (typeof f !== 'function') throw new InvalidArgumentError(`grad: f must be a function, got ${describe(f)}`);
  const argnums = readOptions<GradOptions<N>>(options, ['argnums'], 'grad').argnums ?? 0;
  if (typeof argnums !== 'number' && !Array.isArray(argnums)) {
    throw new InvalidArgumentError(`grad: argnums must be an index or a list of indices, got ${describe(argnums)}`);
  }
  // Array.from reads the holes of a sparse list as undefined, so they fail the range check below
  const indices: readonly number[] = typeof argnums === 'number' ? [argnums] : Array.from(argnums);
  return (...args: Args): [Tensor, Grads<N>] => {
    // Record the backward pass when an outer grad (or an outer tape) may differentiate this one again: it records an argument,
    const argsRecorded = isGradEnabled() && indices.some((i) => isTensor(args[i]) && args[i].requiresGrad);
    const made = new Map<number, Tensor>(); // one handle per argument, so a repeated index gets the same gradient
    const wrt = indices.map((i) => {
      const x = args[i];
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= args.length) {
        throw new InvalidArgumentError(`grad: argnums ${describe(i)} is out of range for ${args.length} argument(s)`);
      }
      if (!isTensor(x)) throw new InvalidArgumentError(`grad: argument ${i} is ${describe(x)}, expected a Tensor to differentiate`);
      const handle = made.get(i) ?? (argsRecorded && x.requiresGrad ? identity(x) : Tensor._wrap(x.data, x.shape, true));
      made.set(i, handle);
      return handle;
    });
    const callArgs = [...args] as Args;
    indices.forEach((i, k) => (callArgs[i] = wrt[k]));
    const out = withGradMode(true, () => f(...callArgs));
    if (!isTensor(out) || out.size !== 1) {
      throw new AutodiffError(
        `grad: f must return a one-element tensor, got ${isTensor(out) ? `a tensor of shape ${formatShape(out.shape)}` : describe(out)}`,
      );
    }
    const order = out.requiresGrad ? graphOrder(out, wrt) : [];
    // or a leaf f closes over (an outer grad's argument, a model's weights in a gradient penalty)
    const createGraph = argsRecorded || (isGradEnabled() && order.some((t) => t._node === null && !wrt.includes(t)));
    const seed = Tensor.ones(out.shape, { dtype: out.dtype });
    // only through what leads to an argument: a graph f merely closes over (a model's activations) is left
    // intact, neither differentiated nor freed
    const relevant = relevantTo(order, wrt);
    const found = out.requiresGrad ? backwardPass(out, seed, { wrt, createGraph, retainGraph: createGraph, relevant }) : new Map();
    const grads = wrt.map((x) => found.get(x) ?? Tensor.zeros(x.shape, { dtype: x.dtype }));
    const value = createGraph ? out : out.detach();
    return [value, (typeof argnums === 'number' ? grads[0] : grads) as Grads<N>];
  };
}

/**
 * Transforms a scalar-valued function into one that returns its gradient(s), like JAX's `grad`.
 * Nest it for higher derivatives: `grad(grad(f))`.
 * @param f - a function of tensors returning a one-element tensor.
 * @param options - `argnums`: which arguments to differentiate (default 0).
 * @returns a function with `f`'s parameters returning the gradient (or a list, for a list of `argnums`).
 * @throws see {@link valueAndGrad}.
 * @category Autodiff
 * @example
 * ```ts
 * import { Tensor, grad } from 'tinygrad-ts';
 * const cube = (x: Tensor) => x.pow(3).sum();
 * const x = Tensor.scalar(2, { dtype: 'float64' });
 * console.log(grad(cube)(x).item());                         // 12  (3x²)
 * console.log(grad((y: Tensor) => grad(cube)(y).sum())(x).item()); // 12  (6x)
 * ```
 */
export function grad<Args extends unknown[], const N extends number | readonly number[] = number>(
  f: (...args: Args) => Tensor,
  options: GradOptions<N> = {},
): (...args: Args) => Grads<N> {
  const vg = valueAndGrad(f, options);
  return (...args: Args) => vg(...args)[1];
}

/** The imperative backward behind `tensor.backward()`. @internal */
export function backwardFrom(root: Tensor, gradOutput: Tensor | undefined, options: BackwardCallOptions): void {
  if (!root.requiresGrad) {
    throw new AutodiffError(
      'backward: this tensor does not require grad (no input was created with requiresGrad: true, or it was computed under noGrad)',
    );
  }
  let seed: Tensor;
  if (gradOutput === undefined) {
    if (root.size !== 1) {
      throw new AutodiffError(
        `backward: the tensor has shape ${formatShape(root.shape)}; backward() without an output gradient needs a one-element tensor (reduce it with sum() or mean(), or pass backward(gradOutput))`,
      );
    }
    seed = Tensor.ones(root.shape, { dtype: root.dtype });
  } else {
    if (!isTensor(gradOutput)) throw new InvalidArgumentError(`backward: gradOutput is ${describe(gradOutput)}, expected a Tensor`);
    if (!shapesEqual(gradOutput.shape, root.shape)) {
      throw new AutodiffError(`backward: gradOutput has shape ${formatShape(gradOutput.shape)} but the tensor has shape ${formatShape(root.shape)}`);
    }
    seed = gradOutput.dtype === root.dtype ? gradOutput : gradOutput.cast(root.dtype);
  }
  const opts = readOptions<BackwardCallOptions>(options, ['retainGraph', 'createGraph'], 'backward');
  const createGraph = booleanOption(opts.createGraph, false, 'backward', 'createGraph');
  const retainGraph = booleanOption(opts.retainGraph, createGraph, 'backward', 'retainGraph');
  const grads = backwardPass(root, seed, { createGraph, retainGraph });
  for (const t of grads.keys()) {
    // a .grad the user assigned must still fit, or accumulating into it would broadcast to a wrong shape silently
    const prev: unknown = t._node === null ? t.grad : null;
    if (prev !== null && (!isTensor(prev) || !shapesEqual(prev.shape, t.shape))) {
      throw new AutodiffError(
        `backward: a leaf of shape ${formatShape(t.shape)} has a .grad of ${isTensor(prev) ? `shape ${formatShape(prev.shape)}` : describe(prev)}; set .grad to null or to a tensor of the leaf's shape`,
      );
    }
  }
  withGradMode(createGraph, () => {
    for (const [t, g] of grads) {
      if (t._node !== null) continue; // only leaves keep a .grad
      t.grad = t.grad === null ? (createGraph ? g : g.detach()) : t.grad.add(g);
    }
  });
}
