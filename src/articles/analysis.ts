import { type EntityInArticle, extractEntities } from './people.js';
import { extractQuotes, type Quote } from './quotes.js';
import type { Article } from './types.js';

export interface ArticleAnalysis {
  quotes: Quote[];
  entities: EntityInArticle[];
}

/** Everything derived from one article's text, computed once when it joins the corpus. */
export function analyseArticle(article: Article): ArticleAnalysis {
  const entities = extractEntities(article);
  return { entities, quotes: extractQuotes(article, entities) };
}
