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

/** Non-negative whole numbers kept two bytes apiece when they all fit, four otherwise. */
export type SmallUints = Uint16Array | Uint32Array;

/**
 * A zeroed array of `length` for numbers from 0 to `largest`: two bytes apiece when they fit, as
 * counts and offsets within one article nearly always do (its longest ones excepted).
 */
export function smallUints(largest: number, length: number): SmallUints {
  return largest <= 0xffff ? new Uint16Array(length) : new Uint32Array(length);
}
