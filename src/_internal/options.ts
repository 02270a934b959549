// Safe reading of user options objects: own properties only, known keys only, checked types.
import { InvalidArgumentError } from '../errors.js';
import { describe } from './shape.js';

/**
 * Copies the known own properties of an options object into a fresh null-prototype object.
 * Inherited properties are ignored (so a polluted `Object.prototype` cannot inject options), and any other
 * own key — a typo, `__proto__` or `constructor` from parsed JSON — is an error naming the function and the key.
 * `undefined` means "no options".
 * @internal
 */
export function readOptions<T extends object>(options: T | undefined, keys: readonly (keyof T & string)[], where: string): Partial<T> {
  const out = Object.create(null) as Partial<T>;
  if (options === undefined) return out;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Reflect.ownKeys(options)) {
    const desc = Object.getOwnPropertyDescriptor(options, key);
    if (desc === undefined || !desc.enumerable) continue;
    if (typeof key !== 'string' || !(keys as readonly string[]).includes(key)) {
      const name = typeof key === 'string' ? JSON.stringify(key) : String(key);
      throw new InvalidArgumentError(`${where}: unknown option ${name}; known options are ${keys.map((k) => `'${k}'`).join(', ') || 'none'}`);
    }
    const value = 'value' in desc ? desc.value : desc.get?.call(options);
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A boolean option's value, or `fallback` when absent; anything but a boolean is an error. @internal */
export function booleanOption(value: unknown, fallback: boolean, where: string, key: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidArgumentError(`${where}: option '${key}' must be true or false, got ${describe(value)}`);
  return value;
}
