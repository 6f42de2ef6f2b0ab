import type { Basis } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { UserFacingError } from '../errors.js';
import type { PassageIndex, SearchHit } from '../search/passage-index.js';
import { readQuestion, scoreSentences } from './score-sentences.js';

export interface Answer {
  /** `not_found` when the articles do not contain an answer: say so, and show `closest`. */
  status: 'answered' | 'not_found';
  /** Sentences that answer the question, best first, each a verbatim span of its article. */
  evidence: SearchHit[];
  /** The nearest passages, shown when nothing answers. */
  closest: SearchHit[];
  basis: Basis;
}

export interface AnswerOptions {
  /** Most evidence sentences to return (1–3). */
  limit?: number;
  articleIds?: readonly string[];
}

export const MAX_EVIDENCE = 3;
export const MAX_QUESTION_LENGTH = 1000;
/** Sentences retrieved by BM25 before re-ranking; enough to reach past headline-only matches. */
const CANDIDATES = 40;
const CLOSEST = 3;
/**
 * The answer threshold, calibrated on the aggregate of `npm run eval` (answers found against
 * refusals on unrelated articles): some sentence must cover this weighted share of the question's
 * words, in an article holding this share of the question's names and numbers.
 */
const MIN_SENTENCE_COVERAGE = 0.3;
const MIN_KEY_COVERAGE = 0.5;
/**
 * Evidence may cover much less than that: once some sentence shows the article is about the
 * question, the answer often sits in a sentence that words it differently ("Oslo was picked to host
 * the summit" for "Which city will welcome the delegates?").
 */
const MIN_EVIDENCE_COVERAGE = 0.1;
/** Further evidence must score at least this share of the best sentence. */
const SUPPORT_SHARE = 0.85;

/**
 * Answers from the articles alone: the sentences that say it, best first, or `not_found` with the
 * nearest passages when the question's key terms are not in the articles.
 */
export function answerQuestion(
  question: string,
  deps: { corpus: Corpus; index: PassageIndex },
  options: AnswerOptions = {},
): Answer {
  const text = question.trim().slice(0, MAX_QUESTION_LENGTH);
  if (!/[\p{L}\p{N}]/u.test(text))
    throw new UserFacingError('Please ask a question, for example “When could the meeting happen?”');
  const basis = deps.corpus.basis();
  const read = readQuestion(text);
  const hits = deps.index.search(text, { limit: CANDIDATES, articleIds: options.articleIds });
  const ranked = scoreSentences(read, hits, (id) => deps.index.wordsOf(id));
  const usable = ranked.filter((s) => s.keyCoverage >= MIN_KEY_COVERAGE && s.coverage >= MIN_EVIDENCE_COVERAGE);
  const best = usable[0];
  if (!best || !usable.some((s) => s.coverage >= MIN_SENTENCE_COVERAGE)) {
    return { status: 'not_found', evidence: [], closest: ranked.slice(0, CLOSEST).map((s) => s.hit), basis };
  }
  const limit = Math.max(1, Math.min(MAX_EVIDENCE, Math.floor(options.limit ?? MAX_EVIDENCE)));
  const evidence = usable
    .filter((s) => s.score >= SUPPORT_SHARE * best.score)
    .slice(0, limit)
    .map((s) => s.hit);
  return { status: 'answered', evidence, closest: [], basis };
}
