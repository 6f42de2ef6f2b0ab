/**
 * Picks summary sentences by maximal marginal relevance (Carbonell & Goldstein 1998): the best
 * score, less a penalty for resembling what is already picked, within a sentence and word budget.
 */
import { cosine, type TermVector } from './vectors.js';

export interface Budget {
  maxSentences: number;
  /** Stop adding once the summary is about this long (ROUGE and readers both punish padding). */
  maxWords: number;
}

export interface Selectable {
  score: number;
  words: number;
  vector: TermVector;
}

/** How much resemblance to a picked sentence costs, relative to the score. */
export const REDUNDANCY_PENALTY = 1;
/** A sentence this similar to a picked one says the same thing; it is never picked as well. */
export const NEAR_DUPLICATE = 0.6;

/**
 * Returns the picked items in the order they were picked (best first). The penalty only ever
 * lowers a score, so each round scans candidates best first and stops at the first whose own
 * score cannot beat the best value found: with many copies of one story that is still a short scan.
 */
export function selectSentences<T extends Selectable>(candidates: readonly T[], budget: Budget): T[] {
  const open = candidates.filter((c) => Number.isFinite(c.score)).sort((a, b) => b.score - a.score);
  const closed = new Set<T>();
  const picked: T[] = [];
  let words = 0;
  while (picked.length < budget.maxSentences && words < budget.maxWords) {
    let best: T | null = null;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const candidate of open) {
      if (candidate.score <= bestValue) break;
      if (closed.has(candidate)) continue;
      let similarity = 0;
      for (const pick of picked) similarity = Math.max(similarity, cosine(pick.vector, candidate.vector));
      if (similarity >= NEAR_DUPLICATE) {
        closed.add(candidate);
        continue;
      }
      // Overshooting the word budget by more than the gap left helps nobody: a shorter one may fit.
      if (picked.length > 0 && words + candidate.words - budget.maxWords > budget.maxWords - words) continue;
      const value = candidate.score - REDUNDANCY_PENALTY * similarity;
      if (value > bestValue) {
        bestValue = value;
        best = candidate;
      }
    }
    if (!best) break;
    closed.add(best);
    picked.push(best);
    words += best.words;
  }
  return picked;
}
