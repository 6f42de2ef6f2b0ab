/** Typed arrays that grow as they fill: one helper for the views that keep their numbers in them. */
export type NumberArray = Int32Array | Float64Array | Uint8Array;

/**
 * `array` itself when it holds `length` numbers; otherwise a new array of its kind, at least twice
 * as long, that starts with its contents (the rest zero).
 */
export function grown<T extends NumberArray>(array: T, length: number): T {
  if (array.length >= length) return array;
  const larger = new (array.constructor as new (size: number) => T)(Math.max(length, 2 * array.length));
  larger.set(array);
  return larger;
}
