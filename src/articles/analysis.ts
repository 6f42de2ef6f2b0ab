import { type DatedSentence, findDatedEvents } from './dates.js';
import { type EntityInArticle, extractEntities } from './people.js';
import { extractQuotes, type Quote } from './quotes.js';
import type { Article } from './types.js';
import { tokenize } from './word-tokens.js';

export interface ArticleAnalysis {
  quotes: Quote[];
  entities: EntityInArticle[];
  /**
   * The sentences that name a date, read against the article's date: the timeline's input, read
   * here once (chrono is most of a timeline build) and stored. Absent from analyses made without
   * it (tests, eval), for which the timeline reads the dates itself.
   */
  dates?: DatedSentence[];
}

/**
 * Everything derived from one article's text, computed once when it joins the corpus. The text
 * is tokenised once for the entity and quote passes: at 10k articles tokenising is a second of start-up.
 */
export function analyseArticle(article: Article): ArticleAnalysis {
  const tokens = tokenize(article.text);
  const entities = extractEntities(article, tokens);
  return { entities, quotes: extractQuotes(article, entities, tokens), dates: findDatedEvents(article) };
}
