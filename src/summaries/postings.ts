/**
 * Which sentences hold each term id, as two typed arrays (offsets by term id, then the sentence
 * positions, ascending): a "what's new" summary looks up the earlier articles' tens of thousands
 * of sentences, and a map of arrays per term cost more to build and to read than the lookups.
 */
export class Postings {
  private readonly starts: Int32Array;
  private readonly sentences: Int32Array;

  /** `sentences`: each sentence's distinct term ids. */
  constructor(sentences: readonly Int32Array[]) {
    let size = 0;
    let total = 0;
    for (const ids of sentences) {
      total += ids.length;
      for (const id of ids) if (id >= size) size = id + 1;
    }
    const starts = new Int32Array(size + 1);
    for (const ids of sentences) for (const id of ids) starts[id + 1]!++;
    for (let id = 0; id < size; id++) starts[id + 1]! += starts[id]!;
    const filled = starts.slice(0, size);
    const positions = new Int32Array(total);
    sentences.forEach((ids, j) => {
      for (const id of ids) positions[filled[id]!++] = j;
    });
    this.starts = starts;
    this.sentences = positions;
  }

  /** One more than the largest term id held. */
  get terms(): number {
    return this.starts.length - 1;
  }

  /** How many sentences hold `term`. */
  lengthOf(term: number): number {
    return term + 1 < this.starts.length ? this.starts[term + 1]! - this.starts[term]! : 0;
  }

  /** The positions of the sentences holding `term`, ascending. */
  of(term: number): Int32Array {
    if (term + 1 >= this.starts.length) return this.sentences.subarray(0, 0);
    return this.sentences.subarray(this.starts[term]!, this.starts[term + 1]!);
  }
}
