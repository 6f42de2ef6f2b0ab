import { compareText } from '../text/compare-text.js';
import type { WordSet } from '../text/word-list.js';

/**
 * The same development reported by several outlets: sentences of the same date whose content words
 * mostly agree. Either measure is enough: Jaccard catches rewordings of similar length, containment
 * catches a short wire lead repeated inside a longer sentence.
 */
export const MIN_JACCARD = 0.5;
export const MIN_CONTAINMENT = 0.8;
/** Below this many content words, sentences are too short to call duplicates. */
export const MIN_WORDS_TO_MERGE = 5;
/** Both measures above imply the pair shares at least this share of the smaller set's words. */
const MIN_SHARED_OF_SMALLER = Math.min(MIN_JACCARD, MIN_CONTAINMENT);

export interface Mergeable {
  date: string;
  /** Distinct content-word stems of the sentence. */
  words: WordSet;
}

/** Per date, kept items by word number: every word of each, and only the words of its prefix. */
interface DayIndex {
  all: Map<number, number[]>;
  prefix: Map<number, number[]>;
}

/**
 * Groups near-duplicates, keeping the first of each group in input order (callers sort earliest
 * article first). Returns, for each item, the index of the item it merges into (itself when kept).
 *
 * Candidates come from prefix filtering (Chaudhuri et al., "A Primitive Operator for Similarity
 * Joins"): both measures need the pair to share at least half of the smaller set, so the smaller
 * set's first `|x| − ⌈|x|/2⌉ + 1` words (rarest first) hold a shared word. Looking up only those
 * keeps the cost near linear however many outlets report the same day.
 */
export function mergeDuplicates(items: readonly Mergeable[]): number[] {
  const words = new NumberedWords(items);
  const target = items.map((_, i) => i);
  const days = new Map<string, DayIndex>();
  items.forEach((item, i) => {
    let day = days.get(item.date);
    if (!day) {
      day = { all: new Map(), prefix: new Map() };
      days.set(item.date, day);
    }
    if (item.words.size < MIN_WORDS_TO_MERGE) return;
    const own = words.of(i);
    const prefix = own.subarray(0, own.length - Math.ceil(MIN_SHARED_OF_SMALLER * own.length) + 1);
    const kept = findKept(i, own, prefix, day, words);
    if (kept !== null) {
      target[i] = kept;
      return;
    }
    for (const word of own) post(day.all, word, i);
    for (const word of prefix) post(day.prefix, word, i);
  });
  return target;
}

/** The earliest kept item this one duplicates: its prefix against their words, its words against their prefixes. */
function findKept(i: number, own: Int32Array, prefix: Int32Array, day: DayIndex, words: NumberedWords): number | null {
  const seen = new Set<number>();
  let best: number | null = null;
  const consider = (candidates: readonly number[] | undefined) => {
    for (const candidate of candidates ?? []) {
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      if ((best === null || candidate < best) && words.areDuplicates(i, candidate)) best = candidate;
    }
  };
  for (const word of prefix) consider(day.all.get(word));
  for (const word of own) consider(day.prefix.get(word));
  return best;
}

function post(index: Map<number, number[]>, word: number, i: number): void {
  const list = index.get(word);
  if (list) list.push(i);
  else index.set(word, [i]);
}

/**
 * Each item's words as numbers in one flat array, made for one merge and dropped after it. Words
 * are numbered rarest first (fewest items, then in code-unit order), so each item's numbers in
 * ascending order are its words rarest first, and two items' shared words are counted by one pass
 * over both (the items keep their words as compact lists, whose lookups made a pairwise count the
 * larger part of a rebuild).
 */
class NumberedWords {
  private readonly starts: Int32Array;
  private readonly numbers: Int32Array;

  constructor(items: readonly Mergeable[]) {
    const frequency = new Map<string, number>();
    for (const item of items) for (const word of item.words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    const rarestFirst = [...frequency.keys()].sort(
      (a, b) => frequency.get(a)! - frequency.get(b)! || compareText(a, b),
    );
    const numberOf = new Map<string, number>();
    for (const word of rarestFirst) numberOf.set(word, numberOf.size);
    this.starts = new Int32Array(items.length + 1);
    items.forEach((item, i) => {
      this.starts[i + 1] = this.starts[i]! + item.words.size;
    });
    this.numbers = new Int32Array(this.starts[items.length]!);
    items.forEach((item, i) => {
      let at = this.starts[i]!;
      for (const word of item.words) this.numbers[at++] = numberOf.get(word)!;
      this.of(i).sort();
    });
  }

  /** Item i's word numbers, ascending: its words rarest first. */
  of(i: number): Int32Array {
    return this.numbers.subarray(this.starts[i]!, this.starts[i + 1]!);
  }

  areDuplicates(a: number, b: number): boolean {
    const { starts, numbers } = this;
    let i = starts[a]!;
    let j = starts[b]!;
    const aEnd = starts[a + 1]!;
    const bEnd = starts[b + 1]!;
    const aSize = aEnd - i;
    const bSize = bEnd - j;
    let shared = 0;
    while (i < aEnd && j < bEnd) {
      const difference = numbers[i]! - numbers[j]!;
      if (difference === 0) {
        shared += 1;
        i++;
        j++;
      } else if (difference < 0) i++;
      else j++;
    }
    const jaccard = shared / (aSize + bSize - shared);
    const containment = shared / Math.min(aSize, bSize);
    return jaccard >= MIN_JACCARD || containment >= MIN_CONTAINMENT;
  }
}
