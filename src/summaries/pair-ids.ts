/**
 * Numbers pairs of term ids (a summary's concepts: two adjacent content terms) in the order they
 * are first seen, in a hash table of typed arrays with open addressing. A story summary looks up
 * every pair of every candidate, a few hundred thousand at 10k articles; keyed by the pair as one
 * number, a Map boxed every key past 2^31 and was much of the summary's cost and garbage.
 */
export class PairIds {
  /** Per slot: the pair's first and second term ids, and its id plus one (0: an empty slot). */
  private firsts: Int32Array;
  private seconds: Int32Array;
  private ids: Int32Array;
  /** 32 less the log2 of the slots: a hash shifted by it is a slot. */
  private shift: number;
  private count = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < 2 * capacity) slots *= 2;
    this.firsts = new Int32Array(slots);
    this.seconds = new Int32Array(slots);
    this.ids = new Int32Array(slots);
    this.shift = 32 - Math.log2(slots);
  }

  /** How many pairs have ids (ids run from 0 to size - 1). */
  get size(): number {
    return this.count;
  }

  /** The pair's id, given now if it has none. */
  idOf(first: number, second: number): number {
    const slot = this.slotOf(first, second);
    if (this.ids[slot]) return this.ids[slot]! - 1;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    this.ids[slot] = ++this.count;
    // Kept at most half full, so a probe ends after a slot or two.
    if (2 * this.count > this.ids.length) this.grow();
    return this.count - 1;
  }

  /** The pair's id, or -1 when it has none. */
  find(first: number, second: number): number {
    return this.ids[this.slotOf(first, second)]! - 1;
  }

  /** The pair's slot, or the empty slot where it would go. */
  private slotOf(first: number, second: number): number {
    const mask = this.ids.length - 1;
    // Fibonacci hashing: the product's high bits mix all of the pair's bits.
    let slot = Math.imul(Math.imul(first, 0x85ebca77) ^ second, 0x9e3779b1) >>> this.shift;
    while (this.ids[slot] && (this.firsts[slot] !== first || this.seconds[slot] !== second)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { firsts, seconds, ids } = this;
    this.firsts = new Int32Array(2 * ids.length);
    this.seconds = new Int32Array(2 * ids.length);
    this.ids = new Int32Array(2 * ids.length);
    this.shift--;
    for (let old = 0; old < ids.length; old++) {
      if (!ids[old]) continue;
      const slot = this.slotOf(firsts[old]!, seconds[old]!);
      this.firsts[slot] = firsts[old]!;
      this.seconds[slot] = seconds[old]!;
      this.ids[slot] = ids[old]!;
    }
  }
}
