import { type IntLists, transpose } from '../int-lists.js';

/**
 * Which sentences hold each term id, as two typed arrays (offsets by term id, then the sentence
 * positions, ascending): a "what's new" summary looks up the earlier articles' tens of thousands
 * of sentences, and a map of arrays per term cost more to build and to read than the lookups.
 */
export class Postings {
  private readonly lists: IntLists;

  /** `sentences`: list `j` holds sentence `j`'s distinct term ids. */
  constructor(sentences: IntLists) {
    let size = 0;
    for (const id of sentences.values) if (id >= size) size = id + 1;
    // By term: list `t` holds, ascending, the positions of the sentences holding term `t`.
    this.lists = transpose(sentences, size);
  }

  /** One more than the largest term id held. */
  get terms(): number {
    return this.lists.size;
  }

  /** How many sentences hold `term`. */
  lengthOf(term: number): number {
    return term < this.lists.size ? this.lists.lengthOf(term) : 0;
  }

  /** The positions of the sentences holding `term`, ascending. */
  of(term: number): Int32Array {
    return term < this.lists.size ? this.lists.of(term) : this.lists.values.subarray(0, 0);
  }
}
