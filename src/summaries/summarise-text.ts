/**
 * Extractive summary of one raw text (no corpus): the same ranking and selection the corpus
 * summary uses, for evaluation on datasets and for callers that only have a string.
 */
import { sentencesOfText } from '../articles/article.js';
import type { Sentence } from '../articles/types.js';
import { DEFAULT_SUMMARY_LENGTH, SUMMARY_BUDGETS } from './lengths.js';
import { DEFAULT_RANK_WEIGHTS, type RankWeights, rankSentences } from './rank-sentences.js';
import { type Budget, selectSentences } from './select-sentences.js';
import type { SummaryLength } from './summarise.js';

/** Picks summary sentences of `sentences`, returned in text order. */
export function pickSummarySentences(
  sentences: readonly Sentence[],
  budget: Budget,
  weights: RankWeights = DEFAULT_RANK_WEIGHTS,
): Sentence[] {
  const ranked = rankSentences(
    sentences.map((s) => s.text),
    weights,
  );
  return selectSentences(ranked, budget)
    .sort((a, b) => a.index - b.index)
    .map((r) => sentences[r.index]!);
}

/** Verbatim sentences (with offsets into `text`) that summarise it, in text order. */
export function summariseArticleText(
  text: string,
  length: SummaryLength | Budget = DEFAULT_SUMMARY_LENGTH,
  weights: RankWeights = DEFAULT_RANK_WEIGHTS,
): Sentence[] {
  const budget = typeof length === 'string' ? SUMMARY_BUDGETS[length] : length;
  return pickSummarySentences(sentencesOfText(text), budget, weights);
}
