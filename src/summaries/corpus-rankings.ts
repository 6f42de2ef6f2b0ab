/**
 * What the corpus summary needs per article, computed once per article (articles are immutable:
 * the id is a content hash) and kept across corpus changes: each article's ranked sentences, and
 * document frequencies over the whole corpus, updated incrementally as articles come and go.
 */
import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { type RankedSentence, rankSentences } from './rank-sentences.js';
import type { Summary } from './summarise.js';
import { inverseFrequency } from './vectors.js';

/** Sentences past this point of an article are background; ranking them costs O(n²) for little. */
export const MAX_RANKED_SENTENCES = 40;

export interface CorpusRankings {
  readonly corpus: Corpus;
  /** Summaries already made for the current corpus version, keyed by their options. */
  readonly summaries: Map<string, Summary>;
  /** Brings the rankings up to the corpus's current version; cheap when nothing changed. */
  refresh(): void;
  rankingOf(article: Article): RankedSentence[];
  /** The article's eligible sentences, best first. */
  bestOf(article: Article): RankedSentence[];
  /** Smoothed IDF of a term across the corpus's articles. */
  idf(term: string): number;
}

export function rankingsOf(corpus: Corpus): CorpusRankings {
  const rankings = new Map<string, RankedSentence[]>();
  const best = new Map<string, RankedSentence[]>();
  const termSets = new Map<string, Set<string>>();
  const frequencies = new Map<string, number>();
  const summaries = new Map<string, Summary>();
  let version: string | null = null;

  const rankingOf = (article: Article): RankedSentence[] => {
    let ranked = rankings.get(article.id);
    if (!ranked) {
      ranked = rankSentences(article.sentences.slice(0, MAX_RANKED_SENTENCES).map((s) => s.text));
      rankings.set(article.id, ranked);
    }
    return ranked;
  };

  const bestOf = (article: Article): RankedSentence[] => {
    let sorted = best.get(article.id);
    if (!sorted) {
      sorted = rankingOf(article)
        .filter((r) => r.eligible)
        .sort((a, b) => b.score - a.score);
      best.set(article.id, sorted);
    }
    return sorted;
  };

  const count = (terms: Set<string>, delta: number) => {
    for (const term of terms) {
      const next = (frequencies.get(term) ?? 0) + delta;
      if (next > 0) frequencies.set(term, next);
      else frequencies.delete(term);
    }
  };

  const refresh = () => {
    if (version === corpus.version) return;
    version = corpus.version;
    summaries.clear();
    for (const [id, terms] of termSets) {
      if (corpus.get(id)) continue;
      count(terms, -1);
      termSets.delete(id);
      rankings.delete(id);
      best.delete(id);
    }
    for (const article of corpus.articles()) {
      if (termSets.has(article.id)) continue;
      const terms = new Set(rankingOf(article).flatMap((sentence) => sentence.terms));
      termSets.set(article.id, terms);
      count(terms, 1);
    }
  };

  return {
    corpus,
    summaries,
    refresh,
    rankingOf,
    bestOf,
    idf: (term) => inverseFrequency(frequencies.get(term) ?? 0, termSets.size),
  };
}
