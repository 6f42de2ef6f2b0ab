import { grown, keptInt32Array } from '../typed-arrays.js';
import { Vocabulary } from './vocabulary.js';

/** Distinct words as a set is read: membership, count and iteration in the order first given. */
export interface WordSet extends Iterable<string> {
  has(word: string): boolean;
  readonly size: number;
}

/**
 * Past this many distinct words lists are numbered by a new vocabulary, so a process fed for months
 * stays bounded; lists made before keep theirs (and keep it alive while they live).
 */
const MAX_VOCABULARY = 500_000;
let vocabulary = new Vocabulary();
/** Where `packed` gathers the ids before they are kept. */
let scratch = new Int32Array(256);

/**
 * Distinct words in the order first given, as numbers of one vocabulary in a typed array: a
 * corpus keeps one or two lists per dated sentence, and a `Set` of a sentence's dozen words costs
 * about half a kilobyte of hash table, an array of strings a pointer per word and spare room.
 * Lists made together (`packed`) share one array. Membership is a scan, as quick as hashing at a
 * sentence's size.
 */
export class WordList implements WordSet {
  private constructor(
    private readonly vocabulary: Vocabulary,
    private readonly ids: Int32Array,
    private readonly start: number,
    readonly size: number,
  ) {}

  /** One list of `words`' distinct words. */
  static of(words: Iterable<string>): WordList {
    return WordList.packed([[...words]])[0]!;
  }

  /** A list of each of `lists`' distinct words, all in one array (what a corpus keeps per article). */
  static packed(lists: readonly (readonly string[])[]): WordList[] {
    if (vocabulary.size >= MAX_VOCABULARY) vocabulary = new Vocabulary();
    const numbering = vocabulary;
    let total = 0;
    for (const words of lists) total += words.length;
    scratch = grown(scratch, total);
    const ids = scratch;
    const starts: number[] = [];
    let end = 0;
    for (const words of lists) {
      const start = end;
      for (const word of words) {
        const id = numbering.idOf(word);
        if (!holds(ids, start, end, id)) ids[end++] = id;
      }
      starts.push(start);
    }
    // Kept as long as the lists are, at its exact length (repeated words are written once).
    const kept = keptInt32Array(end);
    kept.set(ids.subarray(0, end));
    return starts.map((start, i) => new WordList(numbering, kept, start, (starts[i + 1] ?? end) - start));
  }

  has(word: string): boolean {
    const id = this.vocabulary.find(word);
    return id !== undefined && holds(this.ids, this.start, this.start + this.size, id);
  }

  /** How many of this list's words `other` holds. */
  sharedWith(other: WordList): number {
    let shared = 0;
    if (other.vocabulary !== this.vocabulary) {
      for (const word of this) if (other.has(word)) shared++;
      return shared;
    }
    const otherEnd = other.start + other.size;
    for (let i = this.start; i < this.start + this.size; i++) {
      if (holds(other.ids, other.start, otherEnd, this.ids[i]!)) shared++;
    }
    return shared;
  }

  [Symbol.iterator](): Iterator<string> {
    const { ids, vocabulary } = this;
    let at = this.start;
    const end = this.start + this.size;
    return {
      next: () => (at < end ? { value: vocabulary.words[ids[at++]!]!, done: false } : { value: undefined, done: true }),
    };
  }
}

function holds(ids: Int32Array, start: number, end: number, id: number): boolean {
  for (let i = start; i < end; i++) if (ids[i] === id) return true;
  return false;
}
