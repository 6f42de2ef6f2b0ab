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

/** Per date, kept items by word: every word of each, and only the words of its prefix. */
interface DayIndex {
  all: Map<string, number[]>;
  prefix: Map<string, number[]>;
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
  const frequency = new Map<string, number>();
  for (const item of items) for (const word of item.words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);

  const target = items.map((_, i) => i);
  const days = new Map<string, DayIndex>();
  items.forEach((item, i) => {
    let day = days.get(item.date);
    if (!day) {
      day = { all: new Map(), prefix: new Map() };
      days.set(item.date, day);
    }
    if (item.words.size < MIN_WORDS_TO_MERGE) return;
    const words = [...item.words].sort(rarestFirst);
    const prefix = words.slice(0, words.length - Math.ceil(MIN_SHARED_OF_SMALLER * words.length) + 1);
    const kept = findKept(item, prefix, day, items);
    if (kept !== null) {
      target[i] = kept;
      return;
    }
    for (const word of words) post(day.all, word, i);
    for (const word of prefix) post(day.prefix, word, i);
  });
  return target;
}

/** The earliest kept item this one duplicates: its prefix against their words, its words against their prefixes. */
function findKept(
  item: Mergeable,
  prefix: readonly string[],
  day: DayIndex,
  items: readonly Mergeable[],
): number | null {
  const seen = new Set<number>();
  let best: number | null = null;
  const consider = (candidates: readonly number[] | undefined) => {
    for (const candidate of candidates ?? []) {
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      if ((best === null || candidate < best) && isDuplicate(item.words, items[candidate]!.words)) best = candidate;
    }
  };
  for (const word of prefix) consider(day.all.get(word));
  for (const word of item.words) consider(day.prefix.get(word));
  return best;
}

function post(index: Map<string, number[]>, word: string, i: number): void {
  const list = index.get(word);
  if (list) list.push(i);
  else index.set(word, [i]);
}

function isDuplicate(a: WordSet, b: WordSet): boolean {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  const jaccard = shared / (a.size + b.size - shared);
  const containment = shared / Math.min(a.size, b.size);
  return jaccard >= MIN_JACCARD || containment >= MIN_CONTAINMENT;
}
