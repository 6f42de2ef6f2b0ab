import type { Quote } from '../articles/quotes.js';
import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';

export interface QuoteResult {
  quote: Quote;
  article: Article;
  /** The same words quoted by other outlets (overlapping quotes), grouped under this one. */
  alsoIn: Array<{ quote: Quote; article: Article }>;
}

export interface QuoteQuery {
  /** Who said it: full name, surname or role words. */
  speaker?: string;
  /** Words the quote or its sentence should contain. */
  about?: string;
  articleId?: string;
  limit?: number;
}

export function findQuotes(_corpus: Corpus, _query: QuoteQuery = {}): QuoteResult[] {
  return [];
}
