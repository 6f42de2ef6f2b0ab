/** Distinct words as a set is read: membership, count and iteration in the order first given. */
export interface WordSet extends Iterable<string> {
  has(word: string): boolean;
  readonly size: number;
}

/**
 * Distinct words in the order first given, held as one array: a `Set` of a sentence's dozen
 * words costs about half a kilobyte of hash table, and a corpus keeps one or two per dated
 * sentence. Membership is a scan, as quick as hashing at a sentence's size.
 */
export class WordList implements WordSet {
  private readonly words: readonly string[];

  constructor(words: Iterable<string>) {
    const distinct: string[] = [];
    for (const word of words) if (!distinct.includes(word)) distinct.push(word);
    this.words = distinct;
  }

  has(word: string): boolean {
    return this.words.includes(word);
  }

  get size(): number {
    return this.words.length;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.words[Symbol.iterator]();
  }
}
