/**
 * Numbers pairs of term ids (a summary's concepts: two adjacent content terms) in the order they
 * are first seen, in a hash table of typed arrays with open addressing. A story summary looks up
 * every pair of every candidate, millions at 100k articles; keyed by the pair as one number, a Map
 * boxed every key past 2^31 and was much of the summary's cost and garbage.
 */
export class PairIds {
  /**
   * Three ints per slot: the pair's first and second term ids, and its id plus one (0: an empty
   * slot). Side by side, a lookup in a table larger than the caches reads one line of memory.
   */
  private slots: Int32Array;
  /** 32 less the log2 of the slots: a hash shifted by it is a slot. */
  private shift: number;
  private count = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < 2 * capacity) slots *= 2;
    this.slots = new Int32Array(3 * slots);
    this.shift = 32 - Math.log2(slots);
  }

  /** How many pairs have ids (ids run from 0 to size - 1). */
  get size(): number {
    return this.count;
  }

  /** The pair's id, given now if it has none. */
  idOf(first: number, second: number): number {
    const at = this.slotOf(first, second);
    if (this.slots[at + 2]) return this.slots[at + 2]! - 1;
    this.slots[at] = first;
    this.slots[at + 1] = second;
    this.slots[at + 2] = ++this.count;
    // Kept at most half full, so a probe ends after a slot or two.
    if (6 * this.count > this.slots.length) this.grow();
    return this.count - 1;
  }

  /** The pair's id, or -1 when it has none. */
  find(first: number, second: number): number {
    return this.slots[this.slotOf(first, second) + 2]! - 1;
  }

  /** Where the pair's slot starts, or the empty slot's where it would go. */
  private slotOf(first: number, second: number): number {
    const { slots } = this;
    const mask = slots.length / 3 - 1;
    // Fibonacci hashing: the product's high bits mix all of the pair's bits.
    let slot = Math.imul(Math.imul(first, 0x85ebca77) ^ second, 0x9e3779b1) >>> this.shift;
    while (slots[3 * slot + 2] && (slots[3 * slot] !== first || slots[3 * slot + 1] !== second)) {
      slot = (slot + 1) & mask;
    }
    return 3 * slot;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.shift--;
    for (let at = 0; at < old.length; at += 3) {
      if (!old[at + 2]) continue;
      const to = this.slotOf(old[at]!, old[at + 1]!);
      this.slots[to] = old[at]!;
      this.slots[to + 1] = old[at + 1]!;
      this.slots[to + 2] = old[at + 2]!;
    }
  }
}
