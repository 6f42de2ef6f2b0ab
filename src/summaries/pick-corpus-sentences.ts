/**
 * Multi-article selection. Each article contributes its few best sentences (ranked within the
 * article, so the cost grows with the number of articles, not the square of all sentences); a
 * candidate gains for agreeing with what the articles in scope say as a whole (its similarity to
 * their centroid: a fact many outlets report is central to the story); MMR then picks across
 * articles, and each pick lists the other articles that carry a near-duplicate of it.
 */

import { datelineLength } from '../articles/dateline.js';
import type { Article } from '../articles/types.js';
import type { Candidate, CorpusRankings } from './corpus-rankings.js';
import { type Budget, NEAR_DUPLICATE, selectSentences } from './select-sentences.js';
import type { SummaryPoint } from './summarise.js';
import { centroid, cosineToDense } from './vectors.js';

/** How many of its best sentences each article puts forward in a multi-article summary. */
export const CANDIDATES_PER_ARTICLE = 5;
/** Weight of agreement with the articles as a whole, against the within-article score. */
export const CONSENSUS_WEIGHT = 3;
/** Up to this many eligible sentences, every one is checked for near-duplicates of the picks. */
export const MAX_DUPLICATE_POOL = 20_000;

function candidatesOf(rankings: CorpusRankings, articles: readonly Article[], perArticle: number): Candidate[] {
  const candidates: Candidate[] = [];
  for (const article of articles)
    for (const candidate of rankings.candidatesOf(article, perArticle)) candidates.push(candidate);
  return candidates;
}

/** Whether the articles have more eligible sentences than `MAX_DUPLICATE_POOL` (counted only until they do). */
function overPoolSize(rankings: CorpusRankings, articles: readonly Article[]): boolean {
  let total = 0;
  for (const article of articles) {
    total += rankings.eligibleCount(article);
    if (total > MAX_DUPLICATE_POOL) return true;
  }
  return false;
}

/** Below this, a cosine is short of `NEAR_DUPLICATE` whatever the rounding of its sum. */
const NEAR_DUPLICATE_FLOOR = NEAR_DUPLICATE - 1e-9;

/**
 * For each pick, the other articles with a sentence among the pool's (each pool article's best
 * `perArticle`) that says the same as the pick, in the pool's order. Each pick is spread into
 * dense arrays by term id, so a pool sentence costs one lookup per term rather than a merge.
 *
 * A sentence's cosine with a pick sums over the terms they share, so it is at most the length of
 * the pick's weights on those terms (Cauchy–Schwarz, both vectors at unit length). Most of the
 * pool shares too little of any pick for that bound to reach `NEAR_DUPLICATE` (read for all picks
 * at once, with each term's largest weight among them), and is ruled out by its term ids alone,
 * which are kept per article: only the few others are made into candidates, weighed by the
 * corpus's current frequencies and compared.
 */
function articlesRepeating(
  rankings: CorpusRankings,
  picks: readonly Candidate[],
  poolArticles: readonly Article[],
  perArticle: number,
): string[][] {
  let size = 0;
  for (const pick of picks) if (pick.ids.length) size = Math.max(size, pick.ids.at(-1)! + 1);
  const dense = picks.map(() => new Float64Array(size));
  const squares = picks.map(() => new Float64Array(size));
  const largest = new Float64Array(size);
  picks.forEach(({ vector }, p) => {
    vector.ids.forEach((id, k) => {
      const weight = vector.weights[k]!;
      dense[p]![id] = weight;
      squares[p]![id] = weight * weight;
      largest[id] = Math.max(largest[id]!, weight * weight);
    });
  });
  const floor = NEAR_DUPLICATE_FLOOR * NEAR_DUPLICATE_FLOOR;
  const repeating = picks.map(() => new Set<string>());
  for (const article of poolArticles) {
    const { count, ints, startsAt } = rankings.bestTermsOf(article, perArticle);
    for (let k = 0; k < count; k++) {
      const start = ints[startsAt + k]!;
      const end = ints[startsAt + k + 1]!;
      if (sharedWeight(ints, start, end, largest) < floor) continue;
      const other = rankings.candidatesOf(article, k + 1)[k]!;
      picks.forEach((pick, p) => {
        if (other.article === pick.article || sharedWeight(ints, start, end, squares[p]!) < floor) return;
        if (cosineToDense(other.vector, dense[p]!) >= NEAR_DUPLICATE) repeating[p]!.add(article.id);
      });
    }
  }
  return repeating.map((ids) => [...ids]);
}

/** The sum of `squares` over the ids in `terms` from `start` to `end` (those past its end count 0). */
function sharedWeight(terms: Int32Array, start: number, end: number, squares: Float64Array): number {
  let sum = 0;
  for (let i = start; i < end; i++) if (terms[i]! < squares.length) sum += squares[terms[i]!]!;
  return sum;
}

export function pickCorpusSentences(
  rankings: CorpusRankings,
  scope: readonly Article[],
  budget: Budget,
  singleArticle: boolean,
): SummaryPoint[] {
  if (scope.length === 0) return [];
  const candidates = candidatesOf(rankings, scope, singleArticle ? Number.POSITIVE_INFINITY : CANDIDATES_PER_ARTICLE);
  let scored = candidates;
  if (scope.length > 1) {
    // The cached candidates are shared by every summary of this version, so they are copied, not changed.
    const centre = centroid(candidates.map((c) => c.vector));
    scored = candidates.map(({ article, sentence, ids, terms, words, vector, textKey, score }) => ({
      article,
      sentence,
      ids,
      terms,
      words,
      vector,
      textKey,
      score: score + CONSENSUS_WEIGHT * cosineToDense(vector, centre),
    }));
  }
  const picked = selectSentences(scored, budget);
  const order = new Map(rankings.corpus.articles().map((article, i) => [article.id, i]));
  picked.sort((a, b) => order.get(a.article.id)! - order.get(b.article.id)! || a.sentence.index - b.sentence.index);
  return pointsOf(rankings, picked, scope, singleArticle);
}

/** The picks as summary points, each listing the other articles that carry a near-duplicate of it. */
export function pointsOf(
  rankings: CorpusRankings,
  picked: readonly Candidate[],
  scope: readonly Article[],
  singleArticle: boolean,
): SummaryPoint[] {
  // One article's summary still credits the other articles that report the same facts.
  const poolArticles = singleArticle ? rankings.corpus.articles() : scope;
  const perArticle = overPoolSize(rankings, poolArticles) ? CANDIDATES_PER_ARTICLE : Number.POSITIVE_INFINITY;
  const repeating = articlesRepeating(rankings, picked, poolArticles, perArticle);
  return picked.map((pick, p) => {
    const sentence = pick.article.sentences[pick.sentence.index]!;
    // Only an article's opening sentence carries a dateline.
    const skip = sentence.index === 0 ? datelineLength(sentence.text) : 0;
    return {
      articleId: pick.article.id,
      sentence: sentence.index,
      start: sentence.start + skip,
      end: sentence.end,
      text: sentence.text.slice(skip),
      alsoIn: repeating[p]!,
    };
  });
}
