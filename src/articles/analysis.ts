import { type EntityInArticle, extractEntities } from './people.js';
import { extractQuotes, type Quote } from './quotes.js';
import type { Article } from './types.js';
import { tokenize } from './word-tokens.js';

export interface ArticleAnalysis {
  quotes: Quote[];
  entities: EntityInArticle[];
}

/**
 * Everything derived from one article's text, computed once when it joins the corpus. The text
 * is tokenised once for both passes: at 10k articles tokenising is a second of start-up.
 */
export function analyseArticle(article: Article): ArticleAnalysis {
  const tokens = tokenize(article.text);
  const entities = extractEntities(article, tokens);
  return { entities, quotes: extractQuotes(article, entities, tokens) };
}
