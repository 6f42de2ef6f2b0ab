/**
 * What the corpus summary needs per article, computed once per article (articles are immutable:
 * the id is a content hash) and kept across corpus changes: each article's eligible sentences,
 * best first, and document frequencies over the whole corpus, updated as articles come and go. A
 * corpus change therefore costs the new articles' own ranking, plus re-weighting the few best
 * sentences of each article by the new frequencies (once per version, shared by every summary).
 */
import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { grown } from './buffers.js';
import { TextRanker } from './rank-sentences.js';
import type { Selectable } from './select-sentences.js';
import type { Summary } from './summarise.js';
import type { TermIds } from './terms.js';
import { countTerms, inverseFrequency, type TermVector, weighTerms } from './vectors.js';

/** Sentences past this point of an article are background; ranking them costs O(n²) for little. */
export const MAX_RANKED_SENTENCES = 40;

/** What is kept of a ranked sentence that may be a summary point. */
export interface ScoredSentence {
  /** Position of the sentence in the article. */
  index: number;
  words: number;
  /** Within-article score (see `rankSentences`). */
  score: number;
}

/** A sentence put forward for a multi-article summary, weighted by the current corpus. */
export interface Candidate extends Selectable {
  article: Article;
  sentence: ScoredSentence;
}

interface ArticleRanking {
  best: ScoredSentence[];
  /** Distinct term ids of the ranked sentences, for document frequencies. */
  terms: Int32Array;
  /** Term ids of each ranked sentence (see `RankedText.terms`). */
  sentenceTerms: Int32Array;
  sentenceTermStarts: Int32Array;
}

export interface CorpusRankings {
  readonly corpus: Corpus;
  /** Summaries already made for the current corpus version, keyed by their options. */
  readonly summaries: Map<string, Summary>;
  /** Brings the rankings up to the corpus's current version; cheap when nothing changed. */
  refresh(): void;
  /** The article's eligible sentences, best first. */
  bestOf(article: Article): readonly ScoredSentence[];
  /**
   * The article's best `limit` sentences with TF-IDF vectors over the corpus; made once per
   * corpus version. `score` is the within-article score.
   */
  candidatesOf(article: Article, limit: number): readonly Candidate[];
  /** The content-term ids of one ranked sentence, in word order (ids of `termIds`); empty past the ranked ones. */
  termsOf(article: Article, sentence: number): Int32Array;
  /** The dictionary the term ids come from. */
  readonly termIds: TermIds;
}

export function rankingsOf(corpus: Corpus): CorpusRankings {
  const ranker = new TextRanker();
  const rankings = new Map<string, ArticleRanking>();
  /** Articles whose terms are in `frequencies`. */
  const counted = new Set<string>();
  let frequencies = new Int32Array(1024);
  let candidates = new Map<string, Candidate[]>();
  const summaries = new Map<string, Summary>();
  let version: string | null = null;

  const rankingOf = (article: Article): ArticleRanking => {
    let ranking = rankings.get(article.id);
    if (!ranking) {
      const ranked = ranker.rank(article.sentences.slice(0, MAX_RANKED_SENTENCES).map((s) => s.text));
      const best: ScoredSentence[] = [];
      for (let index = 0; index < ranked.eligible.length; index++) {
        if (ranked.eligible[index]) best.push({ index, words: ranked.words[index]!, score: ranked.score[index]! });
      }
      best.sort((a, b) => b.score - a.score);
      ranking = {
        best,
        // The ranker reuses its arrays for the next article, so what is kept is copied.
        terms: ranked.distinctTerms.slice(),
        sentenceTerms: ranked.terms.slice(),
        sentenceTermStarts: ranked.termStarts.slice(),
      };
      rankings.set(article.id, ranking);
    }
    return ranking;
  };

  const count = (terms: Int32Array, delta: number) => {
    frequencies = grown(frequencies, ranker.termIds.size);
    for (let i = 0; i < terms.length; i++) frequencies[terms[i]!]! += delta;
  };

  /** IDF of every term id for the current version, worked out once rather than per sentence. */
  let idfs = new Float64Array(0);
  const idf = (id: number) => idfs[id]!;

  const refresh = () => {
    if (version === corpus.version) return;
    version = corpus.version;
    summaries.clear();
    candidates = new Map();
    for (const [id, ranking] of rankings) {
      if (corpus.get(id)) continue;
      if (counted.delete(id)) count(ranking.terms, -1);
      rankings.delete(id);
    }
    for (const article of corpus.articles()) {
      if (counted.has(article.id)) continue;
      count(rankingOf(article).terms, 1);
      counted.add(article.id);
    }
    idfs = Float64Array.from(frequencies, (frequency) => inverseFrequency(frequency, counted.size));
  };

  const candidatesOf = (article: Article, limit: number): readonly Candidate[] => {
    const ranking = rankingOf(article);
    const { best } = ranking;
    const wanted = Math.min(limit, best.length);
    let made = candidates.get(article.id);
    if (!made) {
      made = [];
      candidates.set(article.id, made);
    }
    for (let i = made.length; i < wanted; i++) {
      const sentence = best[i]!;
      // Counted again for each corpus version rather than kept: cheap, and kept for every sentence
      // ever put forward they outgrew the rest of the rankings.
      const counts = countTerms(
        ranking.sentenceTerms.subarray(
          ranking.sentenceTermStarts[sentence.index],
          ranking.sentenceTermStarts[sentence.index + 1],
        ),
      );
      const vector: TermVector = weighTerms(counts, idf);
      made.push({ article, sentence, score: sentence.score, words: sentence.words, vector });
    }
    return made.length === wanted ? made : made.slice(0, wanted);
  };

  return {
    corpus,
    summaries,
    refresh,
    bestOf: (article) => rankingOf(article).best,
    candidatesOf,
    termsOf: (article, sentence) => {
      const ranking = rankingOf(article);
      const starts = ranking.sentenceTermStarts;
      if (sentence + 1 >= starts.length) return new Int32Array(0);
      return ranking.sentenceTerms.subarray(starts[sentence], starts[sentence + 1]);
    },
    termIds: ranker.termIds,
  };
}
