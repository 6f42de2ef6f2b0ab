/**
 * Term ids as kept for every ranked sentence of the corpus: seven bits a byte, lowest first, the
 * high bit set on every byte of a number but its last (LEB128). Ids are numbered as terms are
 * first seen, so a story's common words, most of any sentence, take one or two bytes, not four:
 * the term ids were two thirds of what summaries keep.
 */
export function encodedLength(terms: Int32Array): number {
  let length = 0;
  for (const id of terms) length += id < 0x80 ? 1 : id < 0x4000 ? 2 : id < 0x200000 ? 3 : id < 0x10000000 ? 4 : 5;
  return length;
}

/** Writes `terms` into `bytes` from `at` (see `encodedLength`); returns where they end. */
export function encodeTerms(terms: Int32Array, bytes: Uint8Array, at: number): number {
  for (let id of terms) {
    while (id >= 0x80) {
      bytes[at++] = (id & 0x7f) | 0x80;
      id >>>= 7;
    }
    bytes[at++] = id;
  }
  return at;
}

/**
 * The term ids written in `bytes` from `from` to `to` (see `encodeTerms`): in an array of their
 * own, or at the start of `into` when it has room (a view of it).
 */
export function decodeTerms(bytes: Uint8Array, from: number, to: number, into?: Int32Array): Int32Array {
  let count = 0;
  for (let i = from; i < to; i++) if (bytes[i]! < 0x80) count++;
  const terms = into && into.length >= count ? into.subarray(0, count) : new Int32Array(count);
  let id = 0;
  let shift = 0;
  let t = 0;
  for (let i = from; i < to; i++) {
    const byte = bytes[i]!;
    id |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      terms[t++] = id;
      id = 0;
      shift = 0;
    } else shift += 7;
  }
  return terms;
}
