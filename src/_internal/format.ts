import type { TypedArray } from '../dtype.js';
import type { Shape } from './shape.js';

const EDGE = 3;
const THRESHOLD = 1000;

/** NumPy-like text of a tensor's values; the middle of big tensors is elided with `...`. */
export function formatValues(data: TypedArray, shape: Shape): string {
  const size = data.length;
  const summarise = size > THRESHOLD;
  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  const cells: string[] = [];
  const keep = (n: number): number[] =>
    summarise && n > 2 * EDGE
      ? [...Array.from({ length: EDGE }, (_, i) => i), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
      : Array.from({ length: n }, (_, i) => i);
  const collect = (dim: number, offset: number): void => {
    if (dim === shape.length) {
      cells.push(formatNumber(data[offset] as number));
      return;
    }
    for (const i of keep(shape[dim] as number)) if (i >= 0) collect(dim + 1, offset + i * (strides[dim] as number));
  };
  collect(0, 0);
  const width = Math.max(0, ...cells.map((c) => c.length));
  let next = 0;
  const render = (dim: number, offset: number, indent: string): string => {
    if (dim === shape.length) return (cells[next++] as string).padStart(width);
    const parts = keep(shape[dim] as number).map((i) =>
      i < 0 ? '...' : render(dim + 1, offset + i * (strides[dim] as number), indent + ' '),
    );
    const sep = dim === shape.length - 1 ? ', ' : ',' + '\n'.repeat(shape.length - dim - 1) + indent + ' ';
    return `[${parts.join(sep)}]`;
  };
  return render(0, 0, '');
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) return v.toExponential(4);
  return String(Number(v.toPrecision(6)));
}
