import { AxisError, InvalidArgumentError, ShapeError } from '../errors.js';

/** A shape as the library stores it: a frozen array of non-negative integers. */
export type Shape = readonly number[];

/** The most dimensions a tensor may have, as in NumPy 2: deeper shapes are mistakes, and would overflow recursive readers. */
export const MAX_RANK = 64;

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks a user-given shape and returns a frozen copy. */
export function checkShape(shape: unknown, where: string): Shape {
  if (!Array.isArray(shape)) {
    throw new InvalidArgumentError(`${where}: shape must be an array of non-negative integers, got ${describe(shape)}`);
  }
  if (shape.length > MAX_RANK) {
    throw new InvalidArgumentError(`${where}: a shape of ${shape.length} dimensions is more than the ${MAX_RANK} allowed (NumPy's limit)`);
  }
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new InvalidArgumentError(`${where}: shape ${describeShape(shape)} has a bad dimension ${describe(d)}; dimensions are non-negative integers`);
    }
  }
  const size = sizeOf(shape as number[]);
  if (size > 2 ** 31 - 1) {
    throw new InvalidArgumentError(`${where}: shape ${formatShape(shape as number[])} has ${size} elements, more than a typed array can hold`);
  }
  return Object.freeze([...(shape as number[])]);
}

/** NumPy broadcasting: align from the right; each pair of dims must be equal or contain a 1. */
export function broadcastShapes(a: Shape, b: Shape, op: string): Shape {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together (dimension ${i - n} is ${da} vs ${db})`);
    }
    out[i] = da === 1 ? db : da;
  }
  return Object.freeze(out);
}

/** True when `from` broadcasts to `to` without changing `to`. */
export function broadcastsTo(from: Shape, to: Shape): boolean {
  if (from.length > to.length) return false;
  const off = to.length - from.length;
  for (let i = 0; i < from.length; i++) {
    if (from[i] !== 1 && from[i] !== to[off + i]) return false;
  }
  return true;
}

/** Resolves one axis (negative counts from the end). */
export function normalizeAxis(axis: unknown, ndim: number, op: string): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new AxisError(`${op}: axis ${describe(axis)} is out of range for a tensor of rank ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Resolves `undefined` (all axes), one axis or a list of axes into sorted unique axes. */
export function normalizeAxes(axes: unknown, ndim: number, op: string): number[] {
  if (axes === undefined || axes === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = Array.isArray(axes) ? axes : [axes];
  const out = Array.from(list as unknown[], (a) => normalizeAxis(a, ndim, op)); // Array.from visits holes of a sparse list; map would skip them
  const unique = [...new Set(out)].sort((x, y) => x - y);
  if (unique.length !== out.length) {
    throw new AxisError(`${op}: repeated axis in ${describe(axes)}`);
  }
  return unique;
}

/** The shape after reducing `axes`, with the reduced dims kept as 1. */
export function keepdimsShape(shape: Shape, axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`; // not its whole source text
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return describeShape(v);
  if (typeof v === 'object' && v !== null) return Object.prototype.toString.call(v);
  return String(v);
}

function describeShape(v: readonly unknown[]): string {
  return `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : String(x))).join(', ')}]`;
}
