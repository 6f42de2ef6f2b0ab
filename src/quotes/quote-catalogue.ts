import type { Quote } from '../articles/quotes.js';
import type { Article, Sentence } from '../articles/types.js';
import { isPronoun, looksLikeName, memoise, surnameOf } from '../people/names.js';
import type { PeopleIndex } from '../people/people-index.js';
import type { Interner } from '../text/interner.js';
import { sharedWord } from '../text/shared-words.js';
import { stem } from '../text/stem.js';
import { foldedWords } from '../text/words.js';
import { type GroupingKeys, groupingKeysOf, groupQuotes } from './group-quotes.js';
import { stemsOfText } from './words.js';

/** Quotes shorter than this are fragments ("open", "day one"): listed after full quotes. */
export const TINY_QUOTE_WORDS = 4;

/** One quote with the words it is searched and grouped by; computed once per article. */
export interface PreparedQuote {
  quote: Quote;
  article: Article;
  /** Folded words of the quoted text. */
  words: string[];
  tiny: boolean;
  /**
   * Distinct stems of the quoted words, as ids of the corpus's stem `Interner`. Plain lists: kept
   * for every quote of the corpus, a typed array apiece cost twice the memory of its few ids.
   */
  quoteStems: readonly number[];
  /** Distinct stems of the surrounding sentence(s) that are not in the quote itself. */
  sentenceStems: readonly number[];
  grouping: GroupingKeys;
}

export function prepareQuotes(article: Article, quotes: readonly Quote[], stemIds: Interner): PreparedQuote[] {
  // Several quotes often share a sentence; stem each sentence once.
  const sentenceStemsOf = new Map<number, Set<string>>();
  const stemsOfSentence = (index: number, text: string) => {
    let found = sentenceStemsOf.get(index);
    if (!found) {
      found = stemsOfText(text);
      sentenceStemsOf.set(index, found);
    }
    return found;
  };
  return quotes.map((quote) => {
    // Kept for every quote of the corpus: the words are shared copies, not a string per use.
    const words = foldedWords(quote.text).map(sharedWord);
    const quoteStems = new Set(words.map(stem));
    const sentenceStems = new Set<string>();
    for (const sentence of sentencesAround(article, quote)) {
      for (const stem of stemsOfSentence(sentence.index, sentence.text)) {
        if (!quoteStems.has(stem)) sentenceStems.add(stem);
      }
    }
    return {
      quote,
      article,
      words,
      tiny: words.length < TINY_QUOTE_WORDS,
      quoteStems: Array.from(quoteStems, (found) => stemIds.idOf(found)),
      sentenceStems: Array.from(sentenceStems, (found) => stemIds.idOf(found)),
      grouping: groupingKeysOf(words),
    };
  });
}

/** The sentence a quote starts in and any it runs on into (attributions often follow the quote). */
function sentencesAround(article: Article, quote: Quote): Sentence[] {
  const found: Sentence[] = [];
  for (let index = quote.sentence; index < article.sentences.length; index++) {
    const sentence = article.sentences[index];
    if (!sentence || (index > quote.sentence && sentence.start >= quote.end)) break;
    found.push(sentence);
  }
  return found;
}

/**
 * Positions of the catalogue's quotes by stem id, in one flat array (rebuilt on every corpus
 * change, where a map of growing arrays cost a push per stem of every quote): the quotes with
 * stem `id` are `positions[starts[id]]` up to `positions[starts[id + 1]]`, in rank order.
 */
class StemPostings {
  private readonly starts: Int32Array;
  private readonly positions: Int32Array;

  constructor(stemsOf: readonly (readonly number[])[], stems: number) {
    const starts = new Int32Array(stems + 1);
    for (const ids of stemsOf) for (const id of ids) starts[id + 1]! += 1;
    for (let id = 0; id < stems; id++) starts[id + 1]! += starts[id]!;
    const filled = starts.slice(0, stems);
    const positions = new Int32Array(starts[stems]!);
    stemsOf.forEach((ids, position) => {
      for (const id of ids) positions[filled[id]!++] = position;
    });
    this.starts = starts;
    this.positions = positions;
  }

  /** Positions of the quotes with the stem, ascending, or undefined when there are none. */
  of(id: number | undefined): Int32Array | undefined {
    if (id === undefined || id + 1 >= this.starts.length) return undefined;
    const from = this.starts[id]!;
    const to = this.starts[id + 1]!;
    return to > from ? this.positions.subarray(from, to) : undefined;
  }
}

/**
 * Every quote in the corpus in rank order (full quotes before fragments, newest first, whole
 * quotes before partial ones, longer first), with inverted lists from speaker, article and word
 * stem to positions in that order, so a query only touches the quotes it could return and never
 * has to re-sort by recency.
 */
export class QuoteCatalogue {
  readonly entries: PreparedQuote[];
  /** Position of the speaker in the people index, or -1. */
  readonly personOf: Int32Array;
  /**
   * Each quote as it is shown: the speaker under the one name the directory gives them across
   * the story ("Kowalsky" and "Kowalskyy" are one person), and a bare pronoun the article never
   * resolved shown as unattributed rather than as "he".
   */
  readonly shown: Quote[];
  /** Position of the group's lead (best-ranked member). */
  readonly groupOf: Int32Array;
  /** Members of every group with more than one quote, in rank order. */
  readonly groupMembers = new Map<number, number[]>();
  /** How many distinct articles each multi-quote group spans. */
  readonly groupArticles = new Map<number, number>();
  readonly byArticle = new Map<string, number[]>();
  readonly byPerson = new Map<number, number[]>();
  private readonly quotePostings: StemPostings;
  private readonly sentencePostings: StemPostings;

  /** `ranked`: the quotes in rank order (see `rankQuotes` and `mergeRankedQuotes`). */
  constructor(
    ranked: readonly PreparedQuote[],
    readonly people: PeopleIndex,
    private readonly stemIds: Interner,
  ) {
    this.entries = [...ranked];
    this.personOf = new Int32Array(this.entries.length).fill(-1);
    const personNamed = memoise((name) => (looksLikeName(name) ? people.resolve(name) : null));
    const surnameNamed = memoise((name) => (looksLikeName(name) ? surnameOf(name) || null : null));
    this.entries.forEach((entry, position) => {
      pushTo(this.byArticle, entry.article.id, position);
      const speaker = entry.quote.speaker;
      const person = speaker ? personNamed(speaker.name) : null;
      if (person !== null) {
        this.personOf[position] = person;
        pushTo(this.byPerson, person, position);
      }
    });
    this.shown = this.entries.map((entry, position) =>
      shownQuote(entry.quote, people.people[this.personOf[position]!]),
    );
    this.quotePostings = new StemPostings(
      this.entries.map((entry) => entry.quoteStems),
      stemIds.size,
    );
    this.sentencePostings = new StemPostings(
      this.entries.map((entry) => entry.sentenceStems),
      stemIds.size,
    );
    this.groupOf = groupQuotes(
      this.entries.map((entry, position) => ({
        words: entry.words,
        speaker: speakerKeyOf(this.shown[position], surnameNamed),
        keys: entry.grouping,
      })),
    );
    this.groupOf.forEach((lead, position) => {
      if (lead !== position) pushTo(this.groupMembers, lead, position);
    });
    for (const [lead, members] of this.groupMembers) {
      members.unshift(lead);
      this.groupArticles.set(lead, new Set(members.map((member) => this.entries[member]?.article.id)).size);
    }
  }

  /** Positions of the quotes whose own words have `stem`, in rank order. */
  quotesWith(stem: string): Int32Array | undefined {
    return this.quotePostings.of(this.stemIds.find(stem));
  }

  /** Positions of the quotes whose sentence, outside the quote, has `stem`, in rank order. */
  sentencesWith(stem: string): Int32Array | undefined {
    return this.sentencePostings.of(this.stemIds.find(stem));
  }
}

function speakerKeyOf(quote: Quote | undefined, surnameNamed: (name: string) => string | null): string | null {
  return quote?.speaker ? surnameNamed(quote.speaker.name) : null;
}

function shownQuote(quote: Quote, person: { name: string } | undefined): Quote {
  const speaker = quote.speaker;
  if (!speaker) return quote;
  if (person) return person.name === speaker.name ? quote : { ...quote, speaker: { ...speaker, name: person.name } };
  return isPronoun(speaker.name) ? { ...quote, speaker: null } : quote;
}

/** The quotes in catalogue order. */
export function rankQuotes(quotes: readonly PreparedQuote[]): PreparedQuote[] {
  return [...quotes].sort(byRank);
}

/**
 * Two lists in catalogue order merged into one: after a corpus change the kept quotes are already
 * in order, so only the new articles' quotes are sorted, and the merge is linear.
 */
export function mergeRankedQuotes(a: readonly PreparedQuote[], b: readonly PreparedQuote[]): PreparedQuote[] {
  const merged: PreparedQuote[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(byRank(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}

/** A total order: quotes only tie with themselves (same article, same offset). */
function byRank(a: PreparedQuote, b: PreparedQuote): number {
  return (
    Number(a.tiny) - Number(b.tiny) ||
    compareText(b.article.date ?? '', a.article.date ?? '') ||
    Number(a.quote.partial) - Number(b.quote.partial) ||
    b.words.length - a.words.length ||
    compareText(a.article.origin, b.article.origin) ||
    a.quote.start - b.quote.start
  );
}

function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Code-unit order: ISO dates and paths sort correctly, and far faster than localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
