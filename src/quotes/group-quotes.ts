/**
 * Finds quotes that are the same words reported by several outlets. Two quotes group when their
 * normalised words are equal, when one's words run inside the other's ("truly historic" inside
 * a longer rendering), or when their word sets overlap heavily (small edits, different cuts). Tiny
 * fragments group only when identical, since two words in common say little about the source.
 */

/** A quote reduced to what grouping compares. */
export interface GroupableQuote {
  /** Folded words of the quoted text, punctuation removed. */
  words: readonly string[];
  /** Folded surname of the speaker, when known: differently attributed words never group. */
  speaker: string | null;
  /** `groupingKeysOf(words)`, when the caller keeps them from one grouping to the next. */
  keys?: GroupingKeys;
}

/** What grouping derives from a quote's words; the same every time the quote is grouped. */
export interface GroupingKeys {
  /** The words joined by single spaces, with a space before and after (so whole words match). */
  padded: string;
  /** Distinct words, sorted. */
  distinct: readonly string[];
}

export function groupingKeysOf(words: readonly string[]): GroupingKeys {
  return { padded: ` ${words.join(' ')} `, distinct: [...new Set(words)].sort() };
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
export function groupQuotes(quotes: readonly GroupableQuote[]): Int32Array {
  const parent = Int32Array.from(quotes, (_quote, index) => index);
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

  const keys = quotes.map((quote) => quote.keys ?? groupingKeysOf(quote.words));
  const representatives = collapseIdentical(quotes, keys, union);
  compareRepresentatives(quotes, keys, representatives, union);
  for (let index = 0; index < quotes.length; index++) parent[index] = find(index);
  return parent;
}

/** Identical texts (by the same speaker, for tiny ones) join at once; one of each is compared further. */
function collapseIdentical(
  quotes: readonly GroupableQuote[],
  keys: readonly GroupingKeys[],
  union: (a: number, b: number) => void,
): number[] {
  const firstByText = new Map<string, number>();
  const representatives: number[] = [];
  quotes.forEach((quote, index) => {
    if (!quote.words.length) return;
    const text = keys[index]!.padded;
    const key = quote.words.length < MIN_CONTAINED_WORDS ? `${text}|${quote.speaker ?? ''}` : text;
    const first = firstByText.get(key);
    if (first === undefined) {
      firstByText.set(key, index);
      if (quote.words.length >= MIN_CONTAINED_WORDS) representatives.push(index);
    } else if (compatible(quotes[first], quote)) union(first, index);
  });
  return representatives;
}

function compareRepresentatives(
  quotes: readonly GroupableQuote[],
  keys: readonly GroupingKeys[],
  representatives: readonly number[],
  union: (a: number, b: number) => void,
): void {
  const postings = new Map<string, number[]>();
  for (const index of representatives) {
    for (const word of keys[index]!.distinct) {
      const list = postings.get(word);
      if (list) list.push(index);
      else postings.set(word, [index]);
    }
  }
  const lastVisit = new Int32Array(quotes.length).fill(-1);
  for (const index of representatives) {
    const words = keys[index]!.distinct;
    const probes = words
      .map((word) => postings.get(word) ?? [])
      .filter((list) => list.length > 1 && list.length <= MAX_PROBE_POSTINGS)
      .sort((a, b) => a.length - b.length)
      .slice(0, PROBE_WORDS);
    for (const list of probes) {
      for (const other of list) {
        if (other === index || lastVisit[other] === index) continue;
        lastVisit[other] = index;
        if (!compatible(quotes[index], quotes[other])) continue;
        if (contains(keys[index]!.padded, keys[other]!.padded) || overlaps(words, keys[other]!.distinct)) {
          union(index, other);
        }
      }
    }
  }
}

/** Whether one padded text's words run inside the other's, whole words only. */
function contains(a: string, b: string): boolean {
  return a.length <= b.length ? b.includes(a) : a.includes(b);
}

function compatible(a: GroupableQuote | undefined, b: GroupableQuote | undefined): boolean {
  return !a?.speaker || !b?.speaker || a.speaker === b.speaker;
}

/** Jaccard overlap of two sorted distinct word lists. */
function overlaps(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < MIN_OVERLAP_WORDS || b.length < MIN_OVERLAP_WORDS) return false;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? '';
    const y = b[j] ?? '';
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared) >= MIN_OVERLAP;
}
