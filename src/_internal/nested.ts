import { InvalidArgumentError, ShapeError } from '../errors.js';
import { describe, formatShape, MAX_RANK, type Shape } from './shape.js';

/**
 * A number, or arrays of numbers nested to any depth (all rows of one level the same length):
 * what {@link Tensor.from} accepts and {@link Tensor.toArray} returns.
 * @category Tensor
 */
export type NestedArray = number | readonly NestedArray[];

/** Reads the shape of a nested array, checking that it is rectangular and holds only numbers. */
export function nestedShape(value: unknown, where: string): number[] {
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    if (shape.length === MAX_RANK) {
      throw new ShapeError(`${where}: arrays nested more than ${MAX_RANK} deep; a tensor has at most ${MAX_RANK} dimensions`);
    }
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  checkNested(value, shape, 0, [], where);
  return shape;
}

function checkNested(value: unknown, shape: number[], depth: number, path: number[], where: string): void {
  if (depth === shape.length) {
    if (typeof value !== 'number') {
      const at = path.length ? ` at index [${path.join(', ')}]` : '';
      throw Array.isArray(value)
        ? new ShapeError(`${where}: ragged nested array${at}: expected a number, found an array (inferred shape ${formatShape(shape)})`)
        : new InvalidArgumentError(`${where}: expected a number${at}, got ${describe(value)}`);
    }
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[depth]) {
    const found = Array.isArray(value) ? `length ${value.length}` : describe(value);
    throw new ShapeError(`${where}: ragged nested array at index [${path.join(', ')}]: expected length ${shape[depth]}, found ${found} (inferred shape ${formatShape(shape)})`);
  }
  for (let i = 0; i < value.length; i++) {
    path.push(i);
    checkNested(value[i], shape, depth + 1, path, where);
    path.pop();
  }
}

export function flattenInto(value: NestedArray, out: { [i: number]: number }, offset = 0): number {
  if (typeof value === 'number') {
    out[offset] = value;
    return offset + 1;
  }
  for (const v of value) offset = flattenInto(v, out, offset);
  return offset;
}

export function toNested(data: ArrayLike<number>, shape: Shape): NestedArray {
  if (shape.length === 0) return data[0] as number;
  const build = (dim: number, offset: number, stride: number): NestedArray => {
    const n = shape[dim] as number;
    if (dim === shape.length - 1) return Array.from({ length: n }, (_, i) => data[offset + i] as number);
    const inner = stride / Math.max(n, 1);
    return Array.from({ length: n }, (_, i) => build(dim + 1, offset + i * inner, inner));
  };
  let total = 1;
  for (const d of shape) total *= d;
  return build(0, 0, total === 0 ? 0 : total);
}
