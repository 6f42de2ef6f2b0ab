/**
 * "When will they meet next?" is not answered by a date that has passed: a sentence written on
 * 2 March about "next Friday, 7 March" answers it no longer once the story has reached the 10th.
 * Dates are read with chrono relative to the day of the article that wrote them.
 */
import * as chrono from 'chrono-node';
import type { ScoredSentence } from './score-sentences.js';

const ASKS_AHEAD = /\b(will|next|upcoming|going to)\b/i;
/** Candidates read for dates: chrono is slow, and the answer is among the best few or not at all. */
const MAX_READ = 8;

export function asksAhead(question: string): boolean {
  return ASKS_AHEAD.test(question);
}

/**
 * The candidates that still name a date on or after `today`; a sentence with no date does not say
 * when, and one from an undated article cannot be placed, so it is kept.
 */
export function stillAhead(
  candidates: readonly ScoredSentence[],
  dateOf: (sentence: ScoredSentence) => string | null,
  today: string,
): ScoredSentence[] {
  return candidates.slice(0, MAX_READ).filter((s) => {
    const written = dateOf(s);
    if (!written) return true;
    const found = chrono.parse(s.hit.text, new Date(`${written}T12:00:00Z`), { forwardDate: true });
    return found.some((result) => result.start.date().toISOString().slice(0, 10) >= today);
  });
}
