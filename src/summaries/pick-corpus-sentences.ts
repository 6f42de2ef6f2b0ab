/**
 * Multi-article selection. Each article contributes its few best sentences (ranked within the
 * article, so the cost grows with the number of articles, not the square of all sentences); a
 * candidate gains for agreeing with what the articles in scope say as a whole (its similarity to
 * their centroid: a fact many outlets report is central to the story); MMR then picks across
 * articles, and each pick lists the other articles that carry a near-duplicate of it.
 */
import type { Article } from '../articles/types.js';
import type { CorpusRankings } from './corpus-rankings.js';
import type { RankedSentence } from './rank-sentences.js';
import { type Budget, NEAR_DUPLICATE, type Selectable, selectSentences } from './select-sentences.js';
import type { SummaryPoint } from './summarise.js';
import { centroid, cosine, tfidfVector } from './vectors.js';

/** How many of its best sentences each article puts forward in a multi-article summary. */
export const CANDIDATES_PER_ARTICLE = 5;
/** Weight of agreement with the articles as a whole, against the within-article score. */
export const CONSENSUS_WEIGHT = 3;
/** Up to this many eligible sentences, every one is checked for near-duplicates of the picks. */
export const MAX_DUPLICATE_POOL = 20_000;

interface Candidate extends Selectable {
  article: Article;
  ranked: RankedSentence;
}

function candidatesOf(rankings: CorpusRankings, articles: readonly Article[], perArticle: number): Candidate[] {
  const candidates: Candidate[] = [];
  for (const article of articles) {
    for (const ranked of rankings.bestOf(article).slice(0, perArticle)) {
      candidates.push({
        article,
        ranked,
        score: ranked.score,
        words: ranked.words,
        vector: tfidfVector(ranked.terms, rankings.idf),
      });
    }
  }
  return candidates;
}

function eligibleCount(rankings: CorpusRankings, articles: readonly Article[]): number {
  let total = 0;
  for (const article of articles) total += rankings.bestOf(article).length;
  return total;
}

/** Other articles with a sentence that says the same as `pick`. */
function articlesRepeating(pick: Candidate, pool: readonly Candidate[]): string[] {
  const ids = new Set<string>();
  for (const other of pool) {
    if (other.article.id === pick.article.id || ids.has(other.article.id)) continue;
    if (cosine(pick.vector, other.vector) >= NEAR_DUPLICATE) ids.add(other.article.id);
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
  if (scope.length > 1) {
    const centre = centroid(candidates.map((c) => c.vector));
    for (const candidate of candidates) candidate.score += CONSENSUS_WEIGHT * cosine(candidate.vector, centre);
  }
  const picked = selectSentences(candidates, budget);

  // One article's summary still credits the other articles that report the same facts.
  const poolArticles = singleArticle ? rankings.corpus.articles() : scope;
  const perArticle =
    eligibleCount(rankings, poolArticles) <= MAX_DUPLICATE_POOL ? Number.POSITIVE_INFINITY : CANDIDATES_PER_ARTICLE;
  const pool =
    poolArticles === scope && perArticle === CANDIDATES_PER_ARTICLE
      ? candidates
      : candidatesOf(rankings, poolArticles, perArticle);

  const order = new Map(rankings.corpus.articles().map((article, i) => [article.id, i]));
  return picked
    .sort((a, b) => order.get(a.article.id)! - order.get(b.article.id)! || a.ranked.index - b.ranked.index)
    .map((pick) => {
      const sentence = pick.article.sentences[pick.ranked.index]!;
      return {
        articleId: pick.article.id,
        sentence: sentence.index,
        start: sentence.start,
        end: sentence.end,
        text: sentence.text,
        alsoIn: articlesRepeating(pick, pool),
      };
    });
}
