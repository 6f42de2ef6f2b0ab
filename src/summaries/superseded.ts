/**
 * A sentence overtaken by events: it looks ahead ("will meet on Friday", "said he would travel"),
 * and either the time it looked ahead to has come (an article dated on or after it exists, so the
 * newer articles tell what happened), or a later article reports the same thing in words that do
 * not look ahead ("met on Friday"). The summary keeps the newer report.
 */
import { addDays, findDateMentions } from '../articles/dates.js';
import type { Article } from '../articles/types.js';

/** Words that put a clause in the future, the report's own or those it quotes. */
const LOOKS_AHEAD =
  /\b(?:will|shall|would|won['’]t|going to|(?:is|are|was|were) (?:expected|set|scheduled|due|slated|poised|planning|preparing|to)\b|(?:plans?|intends?|expects?|hopes?|aims?) to|upcoming|forthcoming)\b|\w['’]ll\b/i;

export function looksAhead(sentence: string): boolean {
  return LOOKS_AHEAD.test(sentence);
}

/**
 * The last day a forward-looking sentence looks ahead to, when it names a time after its article's
 * date ("on Friday", "Aug. 15", "next week", "within two weeks"), else null.
 */
export function dayLookedAheadTo(sentence: string, article: Article): string | null {
  if (!article.date) return null;
  let last: string | null = null;
  for (const mention of findDateMentions(sentence, article.date)) {
    if (mention.date <= article.date || mention.precision === 'month') continue;
    const end = mention.until ?? (mention.precision === 'week' ? addDays(mention.date, 6) : mention.date);
    if (!last || end > last) last = end;
  }
  return last;
}

/** Share of `a`'s terms that `b` holds; both are ascending distinct term ids. */
export function containment(a: Int32Array, b: Int32Array): number {
  if (a.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared / a.length;
}

/**
 * How much of a forward-looking sentence a later report must repeat to overtake it. A report of
 * what happened keeps the plan's who, what and where but not its framing ("is expected to",
 * "plans to", "agreed to"), nor often its when, so it holds well under half of the plan's terms.
 */
export const MIN_OVERTAKING_SHARE = 0.4;
