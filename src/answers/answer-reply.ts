/**
 * How an answer reads, whichever way the question was asked (/ask, a mention, a DM, a reply in a
 * chain, the console): the extractive answer or the verified model answer, as a platform-neutral
 * Reply with numbered citations.
 */
import { basisFooter, CitationBook } from '../citations.js';
import type { Corpus } from '../corpus/corpus.js';
import type { LlmAnswer, VerifiedLlmAnswer } from '../llm/llm-answerer.js';
import type { Reply } from '../reply.js';
import type { SearchHit } from '../search/passage-index.js';
import type { Answer } from './answer-question.js';

/**
 * The reply to a model's answer: the verified text, or the extractive answer with the one-line
 * note saying why. Shared with the Discord transport, whose streamed draft this replaces.
 */
export function llmReply(question: string, result: LlmAnswer, corpus: Corpus): Reply {
  if (!result.fallback) return modelReply(question, result, corpus);
  const reply = answerReply(question, result.extractive, corpus);
  return { ...reply, intro: [result.note, reply.intro].filter(Boolean).join(' ') };
}

/** A verified model answer: each surviving sentence cites the passages it was checked against. */
function modelReply(question: string, result: VerifiedLlmAnswer, corpus: Corpus): Reply {
  const book = new CitationBook(corpus);
  return {
    tone: 'answer',
    title: question,
    items: result.sentences.map((sentence) => ({
      text: sentence.text,
      cites: [...new Set(sentence.passages.map((passage) => book.cite(passage.articleId, passage)))],
    })),
    citations: book.citations(),
    footer: `Answered by ${result.model}${result.cached ? ' (cached)' : ''} · ${basisFooter(result.basis)}`,
  };
}

/**
 * The reply to a question, however it was asked (/ask, a mention, a DM, a reply in a chain), so
 * every way of asking reads the same. `question` is the title: what the person asked, not the
 * self-contained form it was answered as.
 */
export function answerReply(question: string, answer: Answer, corpus: Corpus): Reply {
  const book = new CitationBook(corpus);
  const cite = (hit: SearchHit) => ({ text: hit.text, cites: [book.cite(hit.articleId, hit)] });
  if (answer.status === 'answered') {
    return {
      tone: 'answer',
      title: question,
      items: answer.evidence.map(cite),
      citations: book.citations(),
      footer: basisFooter(answer.basis),
    };
  }
  return {
    tone: 'not_found',
    title: question,
    intro: answer.closest.length
      ? "The articles don't say. These are the closest passages they have:"
      : "The articles don't say, and nothing in them comes close to the question.",
    items: answer.closest.map(cite),
    citations: book.citations(),
    footer: basisFooter(answer.basis),
  };
}
