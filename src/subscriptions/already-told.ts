import type { Article } from '../articles/types.js';
import { TermIds, wordsOf } from '../summaries/terms.js';

/**
 * A sentence is already told when at least this share of its content words (stemmed, stopwords
 * out: the terms summaries compare sentences by) appear in one sentence of an article the channel
 * was sent. Outlets retell a fact with the same names, numbers and places in other connecting
 * words, which 0.7 tolerates (three terms of ten may differ); a sentence that adds a fact brings
 * a new name, number or place and usually more than 30% new terms, so it still counts as new.
 */
export const TOLD_SHARE = 0.7;

/** The candidate texts that one told article already carries, by position in the candidate lists. */
export interface ToldBy {
  sentences: ReadonlySet<number>;
  quotes: ReadonlySet<number>;
}

const NOTHING: ToldBy = { sentences: new Set(), quotes: new Set() };

/**
 * Checks a post's candidate sentences and quotes against the articles a channel was told. Each
 * told article is compared once, however many channel groups it is in (`toldBy` is memoised by
 * article id), so building a post per group costs set unions, not text comparisons.
 */
export class AlreadyToldCheck {
  private readonly terms = new TermIds();
  /** Each candidate sentence's distinct content terms. */
  private readonly candidates: ReadonlyArray<ReadonlySet<number>>;
  /** Every term of any candidate: a told sentence's other words cannot make a candidate told. */
  private readonly wanted = new Set<number>();
  private readonly quotes: readonly string[];
  private readonly memo = new Map<string, ToldBy>();

  constructor(sentences: readonly string[], quotes: readonly string[]) {
    this.candidates = sentences.map((text) => this.termsOf(text));
    for (const terms of this.candidates) for (const term of terms) this.wanted.add(term);
    this.quotes = quotes.map(collapse);
  }

  /** Which candidates `article` already told (memoised). */
  toldBy(article: Article): ToldBy {
    let told = this.memo.get(article.id);
    if (!told) {
      told = this.compare(article);
      this.memo.set(article.id, told);
    }
    return told;
  }

  /** Candidates told by any of `articles`. */
  toldByAny(articles: readonly Article[]): ToldBy {
    if (articles.length === 0) return NOTHING;
    const sentences = new Set<number>();
    const quotes = new Set<number>();
    for (const article of articles) {
      const told = this.toldBy(article);
      for (const index of told.sentences) sentences.add(index);
      for (const index of told.quotes) quotes.add(index);
    }
    return { sentences, quotes };
  }

  private compare(article: Article): ToldBy {
    const sentences = new Set<number>();
    const open = this.candidates.map((_, i) => i).filter((i) => this.candidates[i]!.size > 0);
    for (const sentence of article.sentences) {
      if (open.length === 0) break;
      const shared = new Set<number>();
      for (const word of wordsOf(sentence.text)) {
        const term = this.terms.idOf(word);
        if (term >= 0 && this.wanted.has(term)) shared.add(term);
      }
      if (shared.size === 0) continue;
      for (let k = open.length - 1; k >= 0; k--) {
        const candidate = this.candidates[open[k]!]!;
        let hits = 0;
        for (const term of candidate) if (shared.has(term)) hits++;
        if (hits >= TOLD_SHARE * candidate.size) {
          sentences.add(open[k]!);
          open.splice(k, 1);
        }
      }
    }
    const quotes = new Set<number>();
    if (this.quotes.length > 0) {
      const text = collapse(article.text);
      this.quotes.forEach((quote, i) => {
        if (quote !== '' && text.includes(quote)) quotes.add(i);
      });
    }
    return { sentences, quotes };
  }

  private termsOf(text: string): Set<number> {
    const terms = new Set<number>();
    for (const word of wordsOf(text)) {
      const term = this.terms.idOf(word);
      if (term >= 0) terms.add(term);
    }
    return terms;
  }
}

/** Spacing differs between outlets (and line breaks inside a quotation); the words do not. */
function collapse(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
