import type { Answer } from '../answers/answer-question.js';
import { basisFooter, CitationBook } from '../citations.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Reply } from '../reply.js';
import type { SearchHit } from '../search/passage-index.js';

/**
 * The reply to a free-form question, exactly as /ask words it (a test holds the two together), so
 * asking by mention, DM or reply reads the same as the slash command. `question` is the title: what
 * the person asked, not the self-contained form it was answered as.
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
