/**
 * Finds quotes that are the same words reported by several outlets. Two quotes group when their
 * normalised words are equal, when one's words run inside the other's ("truly historic" inside
 * a longer rendering), or when their word sets overlap heavily (small edits, different cuts). Tiny
 * fragments group only when identical, since two words in common say little about the source.
 */
import { type IntLists, IntListsBuilder } from '../int-lists.js';
import { compareText } from '../text/compare-text.js';

/** Quotes reduced to what grouping compares. */
export interface GroupableQuotes {
  /** Each quote's folded words, punctuation removed, as ids: the word with id `i` is `vocabulary[i]`. */
  words: IntLists;
  vocabulary: readonly string[];
  /** Folded surname of each quote's speaker, when known: differently attributed words never group. */
  speakers: readonly (string | null)[];
}

/** The shortest quote that may group with a longer one by being contained in it. */
export const MIN_CONTAINED_WORDS = 3;
/** Word-set overlap (Jaccard) at which two renderings count as the same quote. */
export const MIN_OVERLAP = 0.75;
/** Quotes compared for overlap must both have at least this many words. */
const MIN_OVERLAP_WORDS = 4;
/** Each quote looks for partners through its rarest few words... */
const PROBE_WORDS = 3;
/** ...skipping words so common that following them would compare the quote with half the corpus. */
const MAX_PROBE_POSTINGS = 256;

/**
 * Returns, for each quote, the index of its group's first member; quotes are expected in rank
 * order, so a group is named after (and led by) its best-ranked quote.
 */
export function groupQuotes(quotes: GroupableQuotes): Int32Array {
  const parent = Int32Array.from({ length: quotes.words.size }, (_quote, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    let node = index;
    while (parent[node] !== root) {
      const next = parent[node] ?? root;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  const union = (a: number, b: number) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA < rootB) parent[rootB] = rootA;
    else if (rootB < rootA) parent[rootA] = rootB;
  };

  const representatives = collapseIdentical(quotes, union);
  compareRepresentatives(quotes, representatives, union);
  for (let index = 0; index < parent.length; index++) parent[index] = find(index);
  return parent;
}

/** Identical texts (by the same speaker, for tiny ones) join at once; one of each is compared further. */
function collapseIdentical(quotes: GroupableQuotes, union: (a: number, b: number) => void): number[] {
  const { words, speakers } = quotes;
  // Quotes first seen with each text, by a hash of the text; same hash, same text is checked.
  const firstByHash = new Map<number, number[]>();
  const representatives: number[] = [];
  for (let index = 0; index < words.size; index++) {
    const length = words.lengthOf(index);
    if (!length) continue;
    const short = length < MIN_CONTAINED_WORDS;
    const sameKey = (other: number) =>
      sameWords(words, index, other) && (!short || (speakers[index] ?? '') === (speakers[other] ?? ''));
    const hash = hashOf(words, index);
    const seen = firstByHash.get(hash);
    const first = seen?.find(sameKey);
    if (first === undefined) {
      if (seen) seen.push(index);
      else firstByHash.set(hash, [index]);
      if (!short) representatives.push(index);
    } else if (compatible(speakers[first], speakers[index])) union(first, index);
  }
  return representatives;
}

function compareRepresentatives(
  quotes: GroupableQuotes,
  representatives: readonly number[],
  union: (a: number, b: number) => void,
): void {
  const { words, speakers } = quotes;
  const distinct = distinctWordsInOrder(quotes);
  const postings = new Map<number, number[]>();
  for (const index of representatives) {
    for (const word of distinct.of(index)) {
      const list = postings.get(word);
      if (list) list.push(index);
      else postings.set(word, [index]);
    }
  }
  const lastVisit = new Int32Array(words.size).fill(-1);
  for (const index of representatives) {
    const own = distinct.of(index);
    const probes = Array.from(own, (word) => postings.get(word) ?? [])
      .filter((list) => list.length > 1 && list.length <= MAX_PROBE_POSTINGS)
      .sort((a, b) => a.length - b.length)
      .slice(0, PROBE_WORDS);
    for (const list of probes) {
      for (const other of list) {
        if (other === index || lastVisit[other] === index) continue;
        lastVisit[other] = index;
        if (!compatible(speakers[index], speakers[other])) continue;
        if (contains(words, index, other) || overlaps(own, distinct.of(other))) union(index, other);
      }
    }
  }
}

/**
 * Each quote's distinct words as their places in alphabetical order, ascending: a quote probes
 * through its rarest words, the alphabetically first among equally rare ones.
 */
function distinctWordsInOrder({ words, vocabulary }: GroupableQuotes): IntLists {
  const alphabetical = Int32Array.from(vocabulary.keys()).sort((a, b) => compareText(vocabulary[a]!, vocabulary[b]!));
  const place = new Int32Array(vocabulary.length);
  alphabetical.forEach((id, at) => {
    place[id] = at;
  });
  const distinct = new IntListsBuilder();
  for (let index = 0; index < words.size; index++) {
    const places = Int32Array.from(words.of(index), (id) => place[id]!).sort();
    places.forEach((at, k) => {
      if (k === 0 || at !== places[k - 1]) distinct.push(at);
    });
    distinct.end();
  }
  return distinct.build();
}

/** Whether one quote's words run inside the other's, in order and whole words only. */
function contains(words: IntLists, a: number, b: number): boolean {
  const [inner, outer] = words.lengthOf(a) <= words.lengthOf(b) ? [a, b] : [b, a];
  const { starts, values } = words;
  const from = starts[inner]!;
  const length = starts[inner + 1]! - from;
  const last = starts[outer + 1]! - length;
  for (let at = starts[outer]!; at <= last; at++) {
    let k = 0;
    while (k < length && values[at + k] === values[from + k]) k++;
    if (k === length) return true;
  }
  return false;
}

function sameWords(words: IntLists, a: number, b: number): boolean {
  const length = words.lengthOf(a);
  return length === words.lengthOf(b) && contains(words, a, b);
}

/** FNV-1a over the word ids. */
function hashOf(words: IntLists, index: number): number {
  let hash = 0x811c9dc5;
  for (const id of words.of(index)) hash = Math.imul(hash ^ id, 0x01000193);
  return hash;
}

function compatible(a: string | null | undefined, b: string | null | undefined): boolean {
  return !a || !b || a === b;
}

/** Jaccard overlap of two ascending lists of distinct words. */
function overlaps(a: Int32Array, b: Int32Array): boolean {
  if (a.length < MIN_OVERLAP_WORDS || b.length < MIN_OVERLAP_WORDS) return false;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared) >= MIN_OVERLAP;
}
