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
  /**
   * Only these tensors receive gradients: those from which a `wrt` tensor can be reached (see
   * {@link relevantTo}). The rest — a graph the function only closes over — is neither walked nor freed.
   */
  readonly relevant?: ReadonlySet<Tensor>;
}

/**
 * Reverse-mode sweep from `root` seeded with `seed` (same shape as root).
 * Returns the gradient of every leaf reached (or of every `wrt` tensor).
 * Nodes are taken highest {@link TapeNode.depth} first: every consumer of a node is deeper than it, so a node's
 * gradient is complete when it is taken — a reverse topological order without sorting the graph first.
 * @internal
 */
export function backwardPass(root: Tensor, seed: Tensor, opts: BackwardOptions): Map<Tensor, Tensor> {
  const stop = new Set(opts.wrt ?? []);
  const hasStops = stop.size > 0;
  const relevant = opts.relevant;
  const grads = new PassGrads();
  if (relevant !== undefined && !relevant.has(root)) return grads.map; // no wrt tensor behind root
  grads.add(root, seed);
  // swap/restore instead of withGradMode's closure, and one try for the mode and for clean-up after an error
  const prevMode = swapGradMode(opts.createGraph);
  let done = false;
  try {
    for (let node = grads.next(); node !== undefined; node = grads.next()) {
      const t = node.output;
      const g = grads.take(t, node);
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
      const rule = node;
      const inputGrads = anomalyEnabled
        ? anomalyBackward(node.def.name, node.inputs, g, node.site, () => rule.def.backward(g, rule))
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
        if (!input.requiresGrad || gk === null || gk === undefined || (relevant !== undefined && !relevant.has(input))) continue;
        grads.add(input, fitGradient(gk, input, node, k)); // accumulate, never assign
      }
      if (!opts.retainGraph) node.release();
    }
    done = true;
  } finally {
    swapGradMode(prevMode);
    if (!done) grads.abandon();
  }
  return grads.map;
}

/**
 * The gradients of one backward pass, and the nodes waiting for the sweep (a max-heap on depth).
 * A recorded tensor's gradient sits on its node (owned by this pass's identity) until the sweep takes it;
 * leaves, `wrt` tensors, and nodes owned by another pass running inside this one go in `map`.
 */
class PassGrads {
  /** What the pass returns: the gradients of leaves and `wrt` tensors (and, while it runs, of spilled nodes). */
  readonly map = new Map<Tensor, Tensor>();
  /** How many recorded tensors have their gradient in `map` because another pass owned their node. */
  private spilled = 0;
  /** Nodes holding a gradient, not yet taken: a binary max-heap on `depth`. */
  private readonly heap: TapeNode[] = [];

  /** Adds `g` to t's gradient; the first gradient of a recorded tensor queues its node. */
  add(t: Tensor, g: Tensor): void {
    const node = t._node;
    if (node !== null && (node.gradPass === this || (node.gradPass === null && (this.spilled === 0 || !this.map.has(t))))) {
      if (node.gradPass === this) {
        node.grad = add(node.grad as Tensor, g);
        return;
      }
      node.grad = g;
      node.gradPass = this;
      this.push(node);
      return;
    }
    const prev = this.map.get(t);
    if (prev === undefined && node !== null) {
      this.spilled++;
      this.push(node);
    }
    this.map.set(t, prev === undefined ? g : add(prev, g));
  }

  /** Removes and returns the gradient of the queued node `node` (whose output is `t`). */
  take(t: Tensor, node: TapeNode): Tensor {
    if (node.gradPass === this) {
      const g = node.grad as Tensor;
      node.grad = null;
      node.gradPass = null;
      return g;
    }
    const g = this.map.get(t) as Tensor;
    this.map.delete(t);
    this.spilled--;
    return g;
  }

  /** The deepest queued node, removed from the queue; undefined when none is left. */
  next(): TapeNode | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    // sift `last` down from the root
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (heap[r] as TapeNode).depth > (heap[l] as TapeNode).depth ? r : l;
      if ((heap[c] as TapeNode).depth <= last.depth) break;
      heap[i] = heap[c] as TapeNode;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  private push(node: TapeNode): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(node);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p] as TapeNode;
      if (parent.depth >= node.depth) break;
      heap[i] = parent;
      i = p;
    }
    heap[i] = node;
  }

  /** After an error: lets go of the nodes this pass still owns, so a later backward through a retained graph starts clean. */
  abandon(): void {
    for (const node of this.heap) {
      if (node.gradPass === this) {
        node.grad = null;
        node.gradPass = null;
      }
    }
    this.heap.length = 0;
  }
}

/**
 * The tensors of `order` (inputs before outputs, as {@link graphOrder} gives it) from which a `wrt` tensor can be
 * reached: the only ones a gradient with respect to `wrt` must pass through. @internal
 */
export function relevantTo(order: readonly Tensor[], wrt: readonly Tensor[]): Set<Tensor> {
  const relevant = new Set<Tensor>(wrt);
  for (const t of order) {
    const node = t._node;
    if (node === null || relevant.has(t)) continue;
    for (const input of node.inputs) {
      if (relevant.has(input)) {
        relevant.add(t);
        break;
      }
    }
  }
  return relevant;
}

/** The recorded graph behind `root`, inputs before outputs, not looking past `wrt` (what {@link backwardPass} reaches). @internal */
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
