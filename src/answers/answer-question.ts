import type { Basis } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { PassageIndex, SearchHit } from '../search/passage-index.js';

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
  limit?: number;
  articleIds?: readonly string[];
}

export function answerQuestion(
  _question: string,
  deps: { corpus: Corpus; index: PassageIndex },
  _options: AnswerOptions = {},
): Answer {
  return { status: 'not_found', evidence: [], closest: [], basis: deps.corpus.basis() };
}
