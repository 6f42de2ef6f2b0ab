import type { Article } from '../articles/types.js';
import { forEachStem } from '../text/tokens.js';
import { type SmallUints, smallUints } from '../typed-arrays.js';

const CAPITALISED = /^\p{Lu}/u;

/** Whether a word starts with a capital letter; ASCII without a regular expression, as every word is asked. */
function isCapitalised(word: string): boolean {
  const first = word.charCodeAt(0);
  return first < 128 ? first >= 65 && first <= 90 : CAPITALISED.test(word);
}

/**
 * How an article's passages read as stems: its distinct stems (sorted, so a stem or a prefix is
 * found by binary search), how many sentences use each, and which stems each sentence holds. Read
 * once per article, so re-ranking its hits never tokenizes it again; kept compact (stem numbers in
 * one typed array), since it is kept for every article asked about.
 */
export class ArticleWords {
  /** Distinct stems of the headline and the body, sorted. */
  readonly stems: readonly string[];
  /** Sentences using each stem, by stem number (position in `stems`). */
  readonly spread: SmallUints;
  /**
   * Sentences using each stem capitalised after their first word: how often it is used as a name.
   * The headline is not counted: it capitalises most words, and salience weighs it on its own.
   */
  readonly nameSpread: SmallUints;
  /** The first sentence using each stem, by stem number (`sentenceCount` for headline-only stems). */
  readonly firstUse: SmallUints;
  readonly sentenceCount: number;
  /** Numbers of the headline's stems. */
  private readonly titleStems: SmallUints;
  /** Stem numbers of sentence i: `sentenceStems[starts[i]]` up to `sentenceStems[starts[i + 1]]`. */
  private readonly sentenceStems: SmallUints;
  private readonly starts: SmallUints;

  constructor(private readonly article: Article) {
    // Stems are numbered in order of first use while reading, then renumbered in sorted order.
    const firstSeen = new Map<string, number>();
    const ids: number[] = [];
    const starts = new Uint32Array(article.sentences.length + 1);
    // By stem number, grown a stem at a time so they stay packed arrays of small integers.
    const lastSentence: number[] = [];
    const lastNamed: number[] = [];
    const named: number[] = [];
    let sentence = 0;
    let word = 0;
    let readingTitle = false;
    const read = (stem: string, written: string) => {
      let id = firstSeen.get(stem);
      if (id === undefined) {
        id = firstSeen.size;
        firstSeen.set(stem, id);
        lastSentence.push(-1);
        lastNamed.push(-1);
        named.push(0);
      }
      if (lastSentence[id] !== sentence) {
        lastSentence[id] = sentence;
        ids.push(id);
      }
      // A capital after a sentence's first word marks a name; the first word's says nothing.
      if (!readingTitle && word++ > 0 && lastNamed[id] !== sentence && isCapitalised(written)) {
        lastNamed[id] = sentence;
        named[id]!++;
      }
    };
    for (; sentence < article.sentences.length; sentence++) {
      word = 0;
      forEachStem(article.sentences[sentence]!.text, read);
      starts[sentence + 1] = ids.length;
    }
    const bodyIds = ids.length;
    readingTitle = true;
    forEachStem(article.title, read);
    // Map keys iterate in insertion order, so a stem's first-use number is its position here.
    const inFirstUse = [...firstSeen.keys()];
    // Distinct stems in code-unit order, as `sort()` puts them, with a comparison that is quicker
    // than its default one; sorting the numbers spares looking each stem up again afterwards.
    const sorted = inFirstUse.map((_, id) => id).sort((a, b) => (inFirstUse[a]! < inFirstUse[b]! ? -1 : 1));
    this.stems = sorted.map((id) => inFirstUse[id]!);
    const renumbered = new Uint32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) renumbered[sorted[i]!] = i;
    this.sentenceCount = article.sentences.length;
    // Kept for a few thousand articles at a time (the hits of recent questions): two bytes a number
    // rather than four halved them, 14 MB for 2,000 articles before.
    this.starts = smallUints(bodyIds, starts.length);
    this.starts.set(starts);
    const stemCount = this.stems.length;
    this.sentenceStems = smallUints(stemCount, bodyIds);
    this.spread = smallUints(this.sentenceCount, stemCount);
    this.nameSpread = smallUints(this.sentenceCount, stemCount);
    for (let i = 0; i < stemCount; i++) this.nameSpread[i] = named[sorted[i]!]!;
    this.firstUse = smallUints(this.sentenceCount, stemCount).fill(this.sentenceCount);
    for (let i = 0, s = 0; i < bodyIds; i++) {
      while (starts[s + 1]! <= i) s++;
      const n = renumbered[ids[i]!]!;
      this.sentenceStems[i] = n;
      if (!this.spread[n]) this.firstUse[n] = s;
      this.spread[n]!++;
    }
    this.titleStems = smallUints(stemCount, ids.length - bodyIds);
    for (let i = bodyIds; i < ids.length; i++) this.titleStems[i - bodyIds] = renumbered[ids[i]!]!;
  }

  /** Whether the headline uses the stem numbered `number`. */
  inTitle(number: number): boolean {
    return this.titleStems.includes(number);
  }

  /** The stem's number, or -1 when the article does not use it. */
  numberOf(stem: string): number {
    const i = this.firstAtOrAfter(stem);
    return this.stems[i] === stem ? i : -1;
  }

  /** Numbers of the stems that begin with `prefix` (the stem itself included, if used). */
  numbersStartingWith(prefix: string): number[] {
    const found: number[] = [];
    for (let i = this.firstAtOrAfter(prefix); this.stems[i]?.startsWith(prefix); i++) found.push(i);
    return found;
  }

  /** Whether sentence `sentence` uses any of the stems numbered `numbers`. */
  sentenceUses(sentence: number, numbers: readonly number[]): boolean {
    if (!numbers.length) return false;
    for (let i = this.starts[sentence]!, end = this.starts[sentence + 1]!; i < end; i++) {
      if (numbers.includes(this.sentenceStems[i]!)) return true;
    }
    return false;
  }

  /**
   * Whether sentence `sentence` writes the stems numbered `left` and `right` one right after the
   * other ("sun roof", "snow-plough"): read from the sentence's text when asked, as few are.
   */
  writesInOrder(sentence: number, left: number, right: number): boolean {
    const text = this.article.sentences[sentence]?.text;
    const first = this.stems[left];
    const second = this.stems[right];
    if (text === undefined || first === undefined || second === undefined) return false;
    let previous: string | null = null;
    let found = false;
    forEachStem(text, (stem) => {
      if (previous === first && stem === second) found = true;
      previous = stem;
    });
    return found;
  }

  private firstAtOrAfter(stem: string): number {
    let low = 0;
    let high = this.stems.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.stems[mid]! < stem) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
