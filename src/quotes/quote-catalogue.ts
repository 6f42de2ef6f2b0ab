import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import { type IntLists, transpose } from '../int-lists.js';
import { isPronoun, looksLikeName, memoise, surnameOf } from '../people/names.js';
import type { PeopleIndex } from '../people/people-index.js';
import type { Interner } from '../text/interner.js';
import { groupQuotes } from './group-quotes.js';
import type { QuoteRows } from './quote-rows.js';
import type { QuoteTable } from './quote-table.js';

/**
 * Every quote in the corpus in rank order (full quotes before fragments, newest first, whole
 * quotes before partial ones, longer first), with inverted lists from speaker, article and word
 * stem to positions in that order, so a query only touches the quotes it could return and never
 * has to re-sort by recency.
 */
export class QuoteCatalogue {
  /** The quote at each position, as the article's analysis gives it (see `shownQuote`). */
  private readonly quotes: QuoteTable;
  private readonly articles: readonly Article[];
  /** Each quote's words, as ids of `wordIds`: kept so the next catalogue can group without reading them again. */
  private readonly words: IntLists;
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
  /**
   * Positions of the quotes by stem id, in rank order (list `id` holds the quotes with stem `id`):
   * the quotes' own words, and their sentences' outside the quote.
   */
  private readonly quotePostings: IntLists;
  private readonly sentencePostings: IntLists;

  /** `ranked`: the quotes in rank order (see `rankRows`). */
  constructor(
    ranked: QuoteRows,
    readonly people: PeopleIndex,
    private readonly stemIds: Interner,
    wordIds: Interner,
  ) {
    this.quotes = ranked.quotes;
    this.articles = ranked.articles;
    this.words = ranked.words;
    this.personOf = new Int32Array(this.size).fill(-1);
    const personNamed = memoise((name) => (looksLikeName(name) ? people.resolve(name) : null));
    const surnameNamed = memoise((name) => (looksLikeName(name) ? surnameOf(name) || null : null));
    this.articles.forEach((article, position) => {
      pushTo(this.byArticle, article.id, position);
      const speaker = this.quotes.speakerAt(position);
      const person = speaker !== null ? personNamed(speaker) : null;
      if (person !== null) {
        this.personOf[position] = person;
        pushTo(this.byPerson, person, position);
      }
    });
    this.quotePostings = transpose(ranked.quoteStems, stemIds.size);
    this.sentencePostings = transpose(ranked.sentenceStems, stemIds.size);
    this.groupOf = groupQuotes({
      words: this.words,
      vocabulary: wordIds.keys(),
      speakers: this.articles.map((_article, position) => {
        const speaker = this.shownSpeaker(position);
        return speaker !== null ? surnameNamed(speaker) : null;
      }),
    });
    this.groupOf.forEach((lead, position) => {
      if (lead !== position) pushTo(this.groupMembers, lead, position);
    });
    for (const [lead, members] of this.groupMembers) {
      members.unshift(lead);
      this.groupArticles.set(lead, new Set(members.map((member) => this.articles[member]?.id)).size);
    }
  }

  /** How many quotes there are (positions run from 0 to size - 1). */
  get size(): number {
    return this.articles.length;
  }

  /** Every position, in rank order. */
  positions(): IterableIterator<number> {
    return this.articles.keys();
  }

  articleAt(position: number): Article | undefined {
    return this.articles[position];
  }

  /**
   * The quote at `position` as it is shown: the speaker under the one name the directory gives
   * them across the story ("Kowalsky" and "Kowalskyy" are one person), and a bare pronoun the
   * article never resolved shown as unattributed rather than as "he".
   */
  shownQuote(position: number): Quote {
    return this.quotes.quoteAt(position, this.articles[position]!, this.shownSpeaker(position));
  }

  /** The name the quote at `position` is shown under, or null when it is shown unattributed. */
  private shownSpeaker(position: number): string | null {
    const speaker = this.quotes.speakerAt(position);
    if (speaker === null) return null;
    const person = this.people.people[this.personOf[position]!];
    if (person) return person.name;
    return isPronoun(speaker) ? null : speaker;
  }

  /** The catalogue's quotes as rows again, for the catalogue of the corpus's next version. */
  rows(): QuoteRows {
    return {
      quotes: this.quotes,
      articles: this.articles,
      words: this.words,
      quoteStems: transpose(this.quotePostings, this.size),
      sentenceStems: transpose(this.sentencePostings, this.size),
    };
  }

  /** How many distinct words and stems the catalogue's quotes have (ids given to others are unused). */
  idsInUse(): { words: number; stems: number } {
    const seen = new Uint8Array(this.words.values.reduce((most, id) => Math.max(most, id + 1), 0));
    let words = 0;
    for (const id of this.words.values) {
      if (seen[id] === 0) words++;
      seen[id] = 1;
    }
    let stems = 0;
    for (let id = 0; id < this.quotePostings.size; id++) {
      if (this.quotePostings.lengthOf(id) > 0 || this.sentencePostings.lengthOf(id) > 0) stems++;
    }
    return { words, stems };
  }

  /** Positions of the quotes whose own words have `stem`, in rank order. */
  quotesWith(stem: string): Int32Array | undefined {
    return postingsOf(this.quotePostings, this.stemIds.find(stem));
  }

  /** Positions of the quotes whose sentence, outside the quote, has `stem`, in rank order. */
  sentencesWith(stem: string): Int32Array | undefined {
    return postingsOf(this.sentencePostings, this.stemIds.find(stem));
  }
}

/** The positions listed for stem `id`, or undefined when there are none. */
function postingsOf(postings: IntLists, id: number | undefined): Int32Array | undefined {
  if (id === undefined || id >= postings.size || postings.lengthOf(id) === 0) return undefined;
  return postings.of(id);
}

function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
