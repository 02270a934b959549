import { AutodiffError } from '../errors.js';
import { broadcastsTo, describe, formatShape, shapesEqual } from '../_internal/shape.js';
import { isTensor, type Tensor } from '../tensor.js';
import { add } from '../ops/arithmetic.js';
import { cast } from '../ops/movement.js';
import { sumToShape } from '../ops/reduce.js';
import type { TapeNode } from './define-op.js';
import { anomalyBackward, anomalyEnabled } from './anomaly.js';
import { swapGradMode } from './state.js';

/** Options of a backward pass. @internal */
export interface BackwardOptions {
  /** Stop at these tensors and return their gradients (functional `grad`); otherwise run to the leaves. */
  readonly wrt?: readonly Tensor[];
  /** Record the backward pass itself, for higher-order gradients. */
  readonly createGraph: boolean;
  /** Keep the graph's nodes so that backward can run through them again. */
  readonly retainGraph: boolean;
  /** `graphOrder(root, wrt)`, when the caller has already walked the graph. */
  readonly order?: readonly Tensor[];
}

/**
 * Reverse-mode sweep from `root` seeded with `seed` (same shape as root).
 * Returns the gradient of every leaf reached (or of every `wrt` tensor).
 * @internal
 */
export function backwardPass(root: Tensor, seed: Tensor, opts: BackwardOptions): Map<Tensor, Tensor> {
  const stop = new Set(opts.wrt ?? []);
  const hasStops = stop.size > 0;
  const order = opts.order ?? topoOrder(root, stop);
  const grads = new PassGrads();
  grads.add(root, seed);
  // swap/restore instead of withGradMode's closure, and one try for the mode and for clean-up after an error
  const prevMode = swapGradMode(opts.createGraph);
  let done = false;
  try {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i] as Tensor;
      const node = t._node;
      if (node === null) continue; // a leaf: its gradient stays in the map
      const g = grads.take(t, node);
      if (g === undefined) continue;
      if (hasStops && stop.has(t)) {
        grads.map.set(t, g);
        continue;
      }
      if (node.released) {
        throw new AutodiffError(
          `${node.def.name}: the graph behind this tensor was freed by an earlier backward(); ` +
            'pass { retainGraph: true } to the first backward() to run backward through it twice',
        );
      }
      const inputGrads = anomalyEnabled
        ? anomalyBackward(node.def.name, node.inputs, g, node.site, () => node.def.backward(g, node))
        : node.def.backward(g, node);
      if (!Array.isArray(inputGrads) || inputGrads.length !== node.inputs.length) {
        throw new AutodiffError(
          `${node.def.name}: backward returned ${describe(inputGrads)}; expected an array of ${node.inputs.length} gradients (one per input, null for none)`,
        );
      }
      const inputs = node.inputs;
      for (let k = 0; k < inputs.length; k++) {
        const input = inputs[k] as Tensor;
        const gk = inputGrads[k];
        if (!input.requiresGrad || gk === null || gk === undefined) continue;
        grads.add(input, fitGradient(gk, input, node, k)); // accumulate, never assign
      }
      if (!opts.retainGraph) node.release();
    }
    done = true;
  } finally {
    swapGradMode(prevMode);
    if (!done) grads.abandon(order);
  }
  return grads.map;
}

/**
 * The gradients of one backward pass. A recorded tensor's gradient sits on its node (owned by this pass's identity)
 * until the sweep reaches it; leaves, `wrt` tensors, and nodes another pass running inside this one owns go in `map`.
 */
class PassGrads {
  /** What the pass returns: the gradients of leaves and `wrt` tensors (and, while it runs, of spilled nodes). */
  readonly map = new Map<Tensor, Tensor>();
  /** How many recorded tensors have their gradient in `map` because another pass owned their node. */
  private spilled = 0;

  /** Adds `g` to t's gradient. */
  add(t: Tensor, g: Tensor): void {
    const node = t._node;
    if (node !== null && (node.gradPass === this || (node.gradPass === null && (this.spilled === 0 || !this.map.has(t))))) {
      node.grad = node.gradPass === this ? add(node.grad as Tensor, g) : g;
      node.gradPass = this;
      return;
    }
    const prev = this.map.get(t);
    if (prev === undefined && node !== null) this.spilled++;
    this.map.set(t, prev === undefined ? g : add(prev, g));
  }

  /** Removes and returns the gradient of the recorded tensor `t` (undefined when it got none). */
  take(t: Tensor, node: TapeNode): Tensor | undefined {
    if (node.gradPass === this) {
      const g = node.grad as Tensor;
      node.grad = null;
      node.gradPass = null;
      return g;
    }
    if (this.spilled === 0) return undefined;
    const g = this.map.get(t);
    if (g !== undefined) {
      this.map.delete(t);
      this.spilled--;
    }
    return g;
  }

  /** After an error: lets go of the nodes this pass still owns, so a later backward through a retained graph starts clean. */
  abandon(order: readonly Tensor[]): void {
    for (const t of order) {
      const node = t._node;
      if (node !== null && node.gradPass === this) {
        node.grad = null;
        node.gradPass = null;
      }
    }
  }
}

/** The recorded graph behind `root`, inputs before outputs, not looking past `wrt`: what {@link backwardPass} walks. @internal */
export function graphOrder(root: Tensor, wrt: readonly Tensor[]): Tensor[] {
  return topoOrder(root, new Set(wrt));
}

/** Tensors reachable from `root` through recorded nodes, inputs before outputs; iterative, so deep graphs cannot overflow the stack. */
function topoOrder(root: Tensor, stop: ReadonlySet<Tensor>): Tensor[] {
  const order: Tensor[] = [];
  // nodes are marked with this sort's token; only leaves (no node) need a Set
  const token = {};
  if (root._node !== null) root._node.visit = token;
  const seenLeaves = new Set<Tensor>();
  const hasStops = stop.size > 0;
  // two parallel stacks (tensor, next input to visit) instead of a pair per entry: no allocation per node
  const tensors: Tensor[] = [root];
  const next: number[] = [0];
  while (tensors.length > 0) {
    const top = tensors.length - 1;
    const t = tensors[top] as Tensor;
    const node = t._node;
    const inputs = node !== null && !(hasStops && stop.has(t)) ? node.inputs : NO_INPUTS;
    const k = next[top] as number;
    if (k < inputs.length) {
      next[top] = k + 1;
      const child = inputs[k] as Tensor;
      const childNode = child._node;
      const fresh = childNode !== null ? childNode.visit !== token : !seenLeaves.has(child);
      if (child.requiresGrad && fresh) {
        if (childNode !== null) childNode.visit = token;
        else seenLeaves.add(child);
        tensors.push(child);
        next.push(0);
      }
    } else {
      tensors.pop();
      next.pop();
      order.push(t);
    }
  }
  return order;
}

const NO_INPUTS: readonly Tensor[] = [];

/** A rule returned a gradient that does not fit its input's shape (gradcheck reports it as a 'shape' failure). @internal */
export class GradientShapeError extends AutodiffError {}

/** The engine's shared work on every rule's output: dtype back to the input's, broadcast axes summed away, shape checked. */
function fitGradient(g: unknown, input: Tensor, node: TapeNode, k: number): Tensor {
  const op = node.def.name;
  if (!isTensor(g)) {
    throw new AutodiffError(`${op}: backward returned ${describe(g)} for input ${k}, expected a Tensor or null`);
  }
  let fitted = g.dtype === input.dtype ? g : cast(g, input.dtype);
  if (!shapesEqual(fitted.shape, input.shape)) {
    if (!broadcastsTo(input.shape, fitted.shape)) {
      throw new GradientShapeError(
        `${op}: backward gave input ${k} a gradient of shape ${formatShape(fitted.shape)}, but the input has shape ${formatShape(input.shape)}`,
      );
    }
    fitted = sumToShape(fitted, input.shape);
  }
  return fitted;
}
