import type { Article } from '../articles/types.js';
import { TermIds } from '../summaries/terms.js';
import { collapseSpacing } from '../text/spacing.js';
import { writtenWords } from '../text/written-words.js';

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
 * One dictionary for every check: a term's id never changes once given, so the terms worked out
 * for a told article serve every later post compared with it.
 */
const TERMS = new TermIds();

/** What comparing with a told article needs, worked out once per article (articles never change). */
interface ToldArticle {
  /** Each sentence's distinct content terms, in sentence order. */
  sentenceTerms: ReadonlyArray<readonly number[]>;
  /** The text with spacing collapsed, for finding quotes; computed when first needed. */
  collapsed?: string;
}

const toldArticles = new WeakMap<Article, ToldArticle>();

function toldArticle(article: Article): ToldArticle {
  let told = toldArticles.get(article);
  if (!told) {
    told = { sentenceTerms: article.sentences.map((sentence) => [...termsOf(sentence.text)]) };
    toldArticles.set(article, told);
  }
  return told;
}

function termsOf(text: string): Set<number> {
  const terms = new Set<number>();
  for (const word of writtenWords(text)) {
    const term = TERMS.idOf(word);
    if (term >= 0) terms.add(term);
  }
  return terms;
}

/**
 * Checks a post's candidate sentences and quotes against the articles a channel was told. Each
 * told article is compared once, however many channel groups it is in (`toldBy` is memoised by
 * article id), so building a post per group costs set unions, not text comparisons.
 */
export class AlreadyToldCheck {
  /** Each candidate sentence's distinct content terms. */
  private readonly candidates: ReadonlyArray<ReadonlySet<number>>;
  /** Every term of any candidate: a told sentence's other words cannot make a candidate told. */
  private readonly wanted = new Set<number>();
  private readonly quotes: readonly string[];
  private readonly memo = new Map<string, ToldBy>();

  constructor(sentences: readonly string[], quotes: readonly string[]) {
    this.candidates = sentences.map(termsOf);
    for (const terms of this.candidates) for (const term of terms) this.wanted.add(term);
    this.quotes = quotes.map(collapseSpacing);
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
    const told = toldArticle(article);
    const open = this.candidates.map((_, i) => i).filter((i) => this.candidates[i]!.size > 0);
    for (const terms of told.sentenceTerms) {
      if (open.length === 0) break;
      const shared = new Set<number>();
      for (const term of terms) if (this.wanted.has(term)) shared.add(term);
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
      told.collapsed ??= collapseSpacing(article.text);
      const text = told.collapsed;
      this.quotes.forEach((quote, i) => {
        if (quote !== '' && text.includes(quote)) quotes.add(i);
      });
    }
    return { sentences, quotes };
  }
}
