import type { Budget } from './select-sentences.js';
import type { SummaryLength } from './summarise.js';

/** Sentences per summary length; words cap a summary made of unusually long sentences. */
export const SUMMARY_BUDGETS: Record<SummaryLength, Budget> = {
  short: { maxSentences: 3, maxWords: 90 },
  standard: { maxSentences: 6, maxWords: 170 },
  detailed: { maxSentences: 12, maxWords: 340 },
};

export const DEFAULT_SUMMARY_LENGTH: SummaryLength = 'standard';
