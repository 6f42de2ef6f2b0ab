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
  /** Speaker right by resolved name only (a bare pronoun never counts); see eval/quotes.ts. */
  speakerNamed?: number;
}

/** Story gold quotes: found = recall; speaker right on found quotes (canonical name or a variant). */
export interface StoryQuoteScores extends QuoteScores {
  speakersRight: number;
}

/** Story gold entities as /who lists them (see eval/story-quotes.ts). */
export interface StoryPeopleScores {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  /** Gold entities with several spellings, found, whose spellings all sit in one entry. */
  severalSpellingsOnce: number;
  /** The same for gold people only (the bar). */
  peopleSeveralSpellingsOnce: number;
  splitRate: number;
  overMergeRate: number;
  typeAccuracy: number;
  /** Matched entities that are not people (outlets, platforms, places…) shown as people. */
  nonPeopleAsPeople: number;
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
  /** PolNeAR's training compartment, scored like `quotes`: rules are developed on it too. */
  train: Record<string, QuoteScores>;
  qa: Record<string, QaScores>;
  /** The story gold's parts (story/): `qa` is the answers. */
  story?: { quotes?: StoryQuoteScores; people?: StoryPeopleScores; qa?: StoryQaScores };
  storyQa?: Record<string, StoryMultiScores>;
}

/** A share overall and in each of the two folds fixed by a hash of the row id (see eval/answer-scoring.ts). */
export interface FoldShares {
  all: number;
  a: number;
  b: number;
}

/** story/ answers: first answer sentence right, by kind (look-ups grouped). */
export interface StoryQaScores {
  n: number;
  all: FoldShares;
  kinds: Record<string, FoldShares & { n: number }>;
  /** Share of multi_article answers whose first sentence repeats the superseded statement. */
  supersededRepeated: number;
}

/** story-qa/: a question over all of its articles. */
export interface StoryMultiScores {
  n: number;
  firstSentence: FoldShares;
  topThree: FoldShares;
  refused: FoldShares;
}
