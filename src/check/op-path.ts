import type { TapeNode } from '../autodiff/define-op.js';
import type { Tensor } from '../tensor.js';

const MAX_SHOWN = 8;

/**
 * The recorded ops between input `leaf` and `out`, in forward order, e.g. `'input 0 → Sigmoid → Sum → output'`;
 * null when `out` was not recorded (a constant output). Reads a graph kept with retainGraph.
 * @internal
 */
export function opPath(out: Tensor, leaf: Tensor, index: number): string | null {
  if (out._node === null) return null;
  // Depth-first, iterative: a node is on the path when one of its inputs is the leaf or on the path.
  const reaches = new Map<Tensor, boolean>([[leaf, true]]);
  const order: TapeNode[] = [];
  const stack: Array<[Tensor, number]> = [[out, 0]];
  const open = new Set<Tensor>([out]);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as [Tensor, number];
    const [t, next] = top;
    const inputs = t._node?.inputs ?? [];
    if (next < inputs.length) {
      top[1] = next + 1;
      const child = inputs[next] as Tensor;
      if (!reaches.has(child) && !open.has(child)) {
        open.add(child);
        stack.push([child, 0]);
      }
      continue;
    }
    stack.pop();
    const hit = inputs.some((c) => reaches.get(c) === true);
    reaches.set(t, hit);
    if (hit && t._node !== null) order.push(t._node);
  }
  if (order.length === 0) return `input ${index} does not reach the output`;
  const names = order.map((n) => n.def.name);
  const shown = names.length <= MAX_SHOWN ? names : [...names.slice(0, 3), `… ${names.length - 6} more …`, ...names.slice(-3)];
  return ['input ' + index, ...shown, 'output'].join(' → ');
}
