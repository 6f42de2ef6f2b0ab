/**
 * "When will they meet next?" is not answered by a date that has passed: a sentence written on
 * 2 March about "next Friday, 7 March" answers it no longer once the story has reached the 10th.
 * Dates are read relative to the day of the article that wrote them, by the tense of their clause.
 */
import { dateReader } from '../articles/date-reader.js';
import { findDateMentions } from '../articles/dates.js';
import { clauseAround } from '../text/clauses.js';
import { tokenizeWords } from '../text/tokens.js';
import type { ScoredSentence } from './score-sentences.js';

const ASKS_AHEAD = /\b(will|next|upcoming|going to)\b/i;
/** Candidates read for dates: chrono is slow, and the answer is among the best few or not at all. */
const MAX_READ = 8;

export function asksAhead(question: string): boolean {
  return ASKS_AHEAD.test(question);
}

/**
 * The candidates that still name a date on or after `today` for the event asked about; a sentence
 * with no date does not say when, and one from an undated article cannot be placed, so it is kept.
 * A date tells when the question's event happens only in a clause naming all of `names` (the stems
 * of the question's names) that its sentence names: "leaders will meet on Sunday, as the president
 * split from Berg" gives no day for a meeting with Berg.
 */
export function stillAhead(
  candidates: readonly ScoredSentence[],
  dateOf: (sentence: ScoredSentence) => string | null,
  today: string,
  names: ReadonlySet<string> = new Set(),
): ScoredSentence[] {
  const stemsOf = (text: string) => new Set(tokenizeWords(text).map((token) => token.stem));
  return candidates.slice(0, MAX_READ).filter((s) => {
    const written = dateOf(s);
    if (!written) return true;
    // Each date read as the timeline reads it, by its clause's tense: "on Saturday split from"
    // is the Saturday before the article, "will meet on Saturday" the one after. A time of day
    // ("at 16:30"), which the timeline leaves out, is read as the next one.
    const text = s.hit.text;
    // The names the sentence gives must be in the date's clause; one naming none ("the reopening
    // is planned for 12 June") speaks of the question's event as a whole.
    const named = [...new Set(s.words.tokens.map((token) => token.stem))].filter((stem) => names.has(stem));
    const namesAll = (clause: string) => {
      const stems = stemsOf(clause);
      return named.every((name) => stems.has(name));
    };
    const mentions = findDateMentions(text, written);
    const read = (mention: { start: number; end: number }) =>
      mentions.some((m) => m.start < mention.end && mention.start < m.end);
    const days = [
      ...mentions.map((mention) => ({ day: mention.until ?? mention.date, at: mention.start })),
      ...dateReader
        .parse(text, new Date(`${written}T12:00:00Z`), { forwardDate: true })
        .filter((result) => !read({ start: result.index, end: result.index + result.text.length }))
        .map((result) => ({ day: result.start.date().toISOString().slice(0, 10), at: result.index })),
    ];
    return days.some(({ day, at }) => day >= today && namesAll(clauseAround(text, at)));
  });
}
