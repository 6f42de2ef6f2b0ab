import type { Quote } from '../articles/quotes.js';
import type { Article, Sentence } from '../articles/types.js';
import { looksLikeName, memoise, surnameOf, wordsOf } from '../people/names.js';
import type { PeopleIndex } from '../people/people-index.js';
import { stem } from '../text/stem.js';
import { groupQuotes } from './group-quotes.js';
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
  /** Distinct stems of the quoted words. */
  quoteStems: string[];
  /** Distinct stems of the surrounding sentence(s) that are not in the quote itself. */
  sentenceStems: string[];
}

export function prepareQuotes(article: Article, quotes: readonly Quote[]): PreparedQuote[] {
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
    const words = wordsOf(quote.text);
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
      quoteStems: [...quoteStems],
      sentenceStems: [...sentenceStems],
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
 * Every quote in the corpus in rank order (full quotes before fragments, newest first, whole
 * quotes before partial ones, longer first), with inverted lists from speaker, article and word
 * stem to positions in that order, so a query only touches the quotes it could return and never
 * has to re-sort by recency.
 */
export class QuoteCatalogue {
  readonly entries: PreparedQuote[];
  /** Position of the speaker in the people index, or -1. */
  readonly personOf: Int32Array;
  /** Position of the group's lead (best-ranked member). */
  readonly groupOf: Int32Array;
  /** Members of every group with more than one quote, in rank order. */
  readonly groupMembers = new Map<number, number[]>();
  /** How many distinct articles each multi-quote group spans. */
  readonly groupArticles = new Map<number, number>();
  readonly byArticle = new Map<string, number[]>();
  readonly byPerson = new Map<number, number[]>();
  readonly quotePostings = new Map<string, number[]>();
  readonly sentencePostings = new Map<string, number[]>();

  constructor(
    prepared: readonly PreparedQuote[],
    readonly people: PeopleIndex,
  ) {
    this.entries = [...prepared].sort(byRank);
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
      for (const stem of entry.quoteStems) pushTo(this.quotePostings, stem, position);
      for (const stem of entry.sentenceStems) pushTo(this.sentencePostings, stem, position);
    });
    this.groupOf = groupQuotes(
      this.entries.map((entry) => ({
        words: entry.words,
        speaker: entry.quote.speaker ? surnameNamed(entry.quote.speaker.name) : null,
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
}

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
