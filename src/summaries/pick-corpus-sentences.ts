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

/**
 * Other articles with a sentence that says the same as `pick`. The pick is spread into a dense
 * array once, so each of the pool's sentences costs one lookup per term rather than a merge. The
 * array reaches only the pick's largest id (its ids are ascending): `cosineToDense` counts the
 * ids past its end as 0.
 */
function articlesRepeating(pick: Candidate, pool: readonly Candidate[]): string[] {
  const dense = new Float64Array(pick.vector.ids.length ? pick.vector.ids.at(-1)! + 1 : 0);
  pick.vector.ids.forEach((id, i) => {
    dense[id] = pick.vector.weights[i]!;
  });
  const ids = new Set<string>();
  for (const other of pool) {
    if (other.article === pick.article || cosineToDense(other.vector, dense) < NEAR_DUPLICATE) continue;
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
    scored = candidates.map((c) => ({ ...c, score: c.score + CONSENSUS_WEIGHT * cosineToDense(c.vector, centre) }));
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
