/** Scores are fractions 0–1. One record per evaluated file, keyed by file name. */
export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
}

export interface SummaryScores extends RougeScores {
  n: number;
  lead3: RougeScores;
}

export interface QuoteScores {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
}

export interface QaScores {
  n: number;
  answerInTopSentence: number;
  /** The same, on rows with `evidence_word_overlap` >= 0.8. */
  answerInTopSentenceGrounded: number;
  refusalOnUnrelated: number;
}

export interface EvalReport {
  summaries: Record<string, SummaryScores>;
  timeline: Record<string, SummaryScores>;
  quotes: Record<string, QuoteScores>;
  qa: Record<string, QaScores>;
}
