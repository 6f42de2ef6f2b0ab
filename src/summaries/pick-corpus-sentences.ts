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

function eligibleCount(rankings: CorpusRankings, articles: readonly Article[]): number {
  let total = 0;
  for (const article of articles) total += rankings.eligibleCount(article);
  return total;
}

/** Below this, a cosine is short of `NEAR_DUPLICATE` whatever the rounding of its sum. */
const NEAR_DUPLICATE_FLOOR = NEAR_DUPLICATE - 1e-9;

/**
 * Other articles with a sentence that says the same as `pick`. The pick is spread into dense
 * arrays once, so each of the pool's sentences costs one lookup per term rather than a merge. The
 * arrays reach only the pick's largest id (its ids are ascending): `cosineToDense` counts the
 * ids past the end as 0.
 *
 * A sentence's cosine with the pick sums over the terms they share, so it is at most the length of
 * the pick's weights on those terms (Cauchy–Schwarz, both vectors at unit length). Most of the
 * pool shares too little of the pick for that bound to reach `NEAR_DUPLICATE`, and is ruled out by
 * its term ids alone: only the few others are weighed (by the corpus's current frequencies) and
 * compared.
 */
function articlesRepeating(pick: Candidate, pool: readonly Candidate[]): string[] {
  const size = pick.ids.length ? pick.ids.at(-1)! + 1 : 0;
  const dense = new Float64Array(size);
  const squares = new Float64Array(size);
  pick.vector.ids.forEach((id, i) => {
    const weight = pick.vector.weights[i]!;
    dense[id] = weight;
    squares[id] = weight * weight;
  });
  const ids = new Set<string>();
  for (const other of pool) {
    if (other.article === pick.article) continue;
    let shared = 0;
    for (const id of other.ids) if (id < size) shared += squares[id]!;
    if (shared < NEAR_DUPLICATE_FLOOR * NEAR_DUPLICATE_FLOOR) continue;
    if (cosineToDense(other.vector, dense) < NEAR_DUPLICATE) continue;
    ids.add(other.article.id);
  }
  return [...ids];
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
    scored = candidates.map(({ article, sentence, ids, words, vector, score }) => ({
      article,
      sentence,
      ids,
      words,
      vector,
      score: score + CONSENSUS_WEIGHT * cosineToDense(vector, centre),
    }));
  }
  const picked = selectSentences(scored, budget);
  const order = new Map(rankings.corpus.articles().map((article, i) => [article.id, i]));
  picked.sort((a, b) => order.get(a.article.id)! - order.get(b.article.id)! || a.sentence.index - b.sentence.index);
  return pointsOf(rankings, picked, scope, singleArticle, candidates);
}

/**
 * The picks as summary points, each listing the other articles that carry a near-duplicate of it.
 * `candidates`, when given, are the scope's candidates already made (reused when they are the pool).
 */
export function pointsOf(
  rankings: CorpusRankings,
  picked: readonly Candidate[],
  scope: readonly Article[],
  singleArticle: boolean,
  candidates?: readonly Candidate[],
): SummaryPoint[] {
  // One article's summary still credits the other articles that report the same facts.
  const poolArticles = singleArticle ? rankings.corpus.articles() : scope;
  const perArticle =
    eligibleCount(rankings, poolArticles) <= MAX_DUPLICATE_POOL ? Number.POSITIVE_INFINITY : CANDIDATES_PER_ARTICLE;
  const pool =
    candidates && poolArticles === scope && perArticle === CANDIDATES_PER_ARTICLE
      ? candidates
      : candidatesOf(rankings, poolArticles, perArticle);
  return picked.map((pick) => {
    const sentence = pick.article.sentences[pick.sentence.index]!;
    // Only an article's opening sentence carries a dateline.
    const skip = sentence.index === 0 ? datelineLength(sentence.text) : 0;
    return {
      articleId: pick.article.id,
      sentence: sentence.index,
      start: sentence.start + skip,
      end: sentence.end,
      text: sentence.text.slice(skip),
      alsoIn: articlesRepeating(pick, pool),
    };
  });
}
