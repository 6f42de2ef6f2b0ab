/**
 * The day a summary sentence's development happened: a day the sentence names on or before its
 * article's date ("met on Wednesday"), else the article's date (what it reports is that day's
 * news, including announcements of later events).
 */
import { findDateMentions } from '../articles/dates.js';
import type { Article } from '../articles/types.js';

export function developmentDay(article: Article, sentence: string): string | null {
  if (!article.date) return null;
  for (const mention of findDateMentions(sentence, article.date)) {
    if (mention.precision === 'day' && mention.date <= article.date) return mention.date;
  }
  return article.date;
}
