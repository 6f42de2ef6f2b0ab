/**
 * The newest fact wins: a developing story's early reports are overtaken ("a meeting in Russia",
 * then Alaska), so when sentences of different days answer about as well, the newest is the
 * answer and the best older one is kept as what it replaced, both shown with their dates.
 */
import type { ScoredSentence } from './score-sentences.js';

/** An answer from a newer article may score this much less than the best and still win. */
export const NEWER_SHARE = 0.8;

export interface NewestChoice {
  first: ScoredSentence;
  /** The best answer from an older day, when a newer day's answer was chosen over it. */
  replaced?: ScoredSentence;
}

export function newestOf(
  ranked: readonly ScoredSentence[],
  dateOf: (sentence: ScoredSentence) => string | null,
): NewestChoice {
  const best = ranked[0]!;
  const bestDate = dateOf(best);
  let first = best;
  let firstDate = bestDate;
  for (const s of ranked) {
    if (s.score < NEWER_SHARE * best.score) break;
    const date = dateOf(s);
    if (s.cue === best.cue && date && (!firstDate || date > firstDate)) {
      first = s;
      firstDate = date;
    }
  }
  return first === best || !bestDate ? { first } : { first, replaced: best };
}
