/**
 * A number naming a text exactly: equal texts have equal keys, and two different texts the same key
 * with odds of about one in 2^52 (two 32-bit hashes of its UTF-16 code units, FNV-1a and FNV-1a
 * from another offset with a shift folded in, 52 bits kept). Lets a pass compare many texts it need
 * not hold.
 */
export function textKey(text: string): number {
  let high = 0x811c9dc5;
  let low = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    high = Math.imul(high ^ unit, 0x01000193);
    low = Math.imul(low ^ unit, 0x01000193) ^ (low >>> 15);
  }
  return (high >>> 0) * 2 ** 20 + (low >>> 12);
}
