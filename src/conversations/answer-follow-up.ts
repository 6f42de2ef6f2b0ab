import { type Answer, answerQuestion } from '../answers/answer-question.js';
import type { Corpus } from '../corpus/corpus.js';
import type { PassageIndex } from '../search/passage-index.js';
import type { Turn } from './conversation-store.js';
import { type FollowUpOptions, followUpQuestion, namesAskedAbout } from './follow-up.js';

export interface FollowUpAnswer {
  /** The self-contained question the answer was found for. */
  standalone: string;
  answer: Answer;
}

/**
 * Answers a question in the context of its conversation. The words carried over from earlier
 * turns help retrieval, but a follow-up that names someone is about them: when no evidence found
 * for the combined question mentions the names asked about, the question is answered on its own.
 */
export function answerFollowUp(
  history: readonly Turn[],
  question: string,
  deps: { corpus: Corpus; index: PassageIndex },
  options: FollowUpOptions = {},
): FollowUpAnswer {
  const standalone = followUpQuestion(history, question, options);
  const answer = answerQuestion(standalone, deps);
  const names = namesAskedAbout(question, options).map((name) => name.toLowerCase());
  const aboutThem = answer.evidence.some((hit) => names.some((name) => hit.text.toLowerCase().includes(name)));
  if (standalone === question.trim() || !names.length || aboutThem) return { standalone, answer };
  const own = question.trim();
  const direct = answerQuestion(own, deps);
  return direct.status === 'answered' ? { standalone: own, answer: direct } : { standalone, answer };
}
