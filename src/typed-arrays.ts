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
  return fitsTwoBytes(largest) ? new Uint16Array(length) : new Uint32Array(length);
}

function fitsTwoBytes(largest: number): boolean {
  return largest <= 0xffff;
}

/** The blocks kept arrays are cut from (see `keptArea`). */
const BLOCK_BYTES = 256 * 1024;
let block = new ArrayBuffer(0);
let blockUsed = 0;

/**
 * Room for typed arrays kept as long as an article is (its ranking, its keyed names, its dated
 * sentences' words, its layout), cut from blocks shared by many articles: a buffer of its own cost
 * each array about 150 bytes besides its numbers (the buffer object and its backing store), and a
 * large corpus keeps four per article. A block is freed once no array cut from it is kept, so what
 * an article withdrawn leaves stays until its neighbours go too: for what is kept, never for
 * arrays read once. Offsets are 8-byte aligned; room for over an eighth of a block gets a buffer
 * of its own.
 */
export function keptArea(byteLength: number): { buffer: ArrayBuffer; byteOffset: number } {
  if (byteLength > BLOCK_BYTES / 8) return { buffer: new ArrayBuffer(byteLength), byteOffset: 0 };
  let byteOffset = (blockUsed + 7) & ~7;
  if (byteOffset + byteLength > block.byteLength) {
    block = new ArrayBuffer(BLOCK_BYTES);
    byteOffset = 0;
  }
  blockUsed = byteOffset + byteLength;
  return { buffer: block, byteOffset };
}

/** A zeroed `Int32Array` of `length` in kept room (see `keptArea`). */
export function keptInt32Array(length: number): Int32Array {
  const { buffer, byteOffset } = keptArea(4 * length);
  return new Int32Array(buffer, byteOffset, length);
}

/** `numbers` (whole, non-negative) as `smallUints` in kept room (see `keptArea`). */
export function keptSmallUints(numbers: ArrayLike<number>): SmallUints {
  let largest = 0;
  for (let i = 0; i < numbers.length; i++) if (numbers[i]! > largest) largest = numbers[i]!;
  const { length } = numbers;
  const bytes = fitsTwoBytes(largest) ? 2 : 4;
  const { buffer, byteOffset } = keptArea(bytes * length);
  const kept = bytes === 2 ? new Uint16Array(buffer, byteOffset, length) : new Uint32Array(buffer, byteOffset, length);
  kept.set(numbers);
  return kept;
}
