/**
 * How an answer reads, whichever way the question was asked (/ask, a mention, a DM, a reply in a
 * chain, the console): the extractive answer or the verified model answer, as a platform-neutral
 * Reply with numbered citations.
 */
import { basisFooter, CitationBook, shortDay } from '../citations.js';
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

/** "6 Aug": the day of an article beside what it said, where the answer depends on when. */
const dayOf = (iso: string | null | undefined) => (iso ? shortDay(iso) : null);

export const NOT_ENGLISH =
  'Without a language model, only questions in English can be answered. To ask in another language, ' +
  'configure a model: set OPENAI_API_KEY (and OPENAI_BASE_URL and OPENAI_MODEL for another OpenAI-compatible provider).';

/**
 * The reply to a question, however it was asked (/ask, a mention, a DM, a reply in a chain), so
 * every way of asking reads the same. `question` is the title: what the person asked, not the
 * self-contained form it was answered as. What a person reads first says it: the short answer, the
 * correction of a false premise, or the newer fact with its date and the older one it replaced.
 */
export function answerReply(question: string, answer: Answer, corpus: Corpus): Reply {
  const book = new CitationBook(corpus);
  const dated = (hit: SearchHit) => {
    const day = dayOf(corpus.get(hit.articleId)?.date);
    return day ? `${day}: ${hit.text}` : hit.text;
  };
  const cite = (hit: SearchHit, text = hit.text) => ({ text, cites: [book.cite(hit.articleId, hit)] });
  if (answer.status === 'answered') {
    const [first, ...rest] = answer.evidence;
    const byDay = answer.mode === 'latest' || !!answer.replaced;
    const show = (hit: SearchHit) => cite(hit, byDay ? dated(hit) : hit.text);
    const items = first ? [cite(first, leadLine(answer, first, byDay ? dated(first) : first.text))] : [];
    if (answer.replaced) {
      const day = dayOf(corpus.get(answer.replaced.articleId)?.date);
      items.push(cite(answer.replaced, `Earlier reports${day ? ` (${day})` : ''} said: ${answer.replaced.text}`));
    }
    items.push(...rest.map(show));
    return { tone: 'answer', title: question, items, citations: book.citations(), footer: basisFooter(answer.basis) };
  }
  const intro =
    answer.language === 'not_english'
      ? NOT_ENGLISH
      : `The articles don't say${answer.asked ? `: ${answer.asked}` : '.'} ${
          answer.closest.length
            ? 'These are the closest passages they have:'
            : 'Nothing in them comes close to the question.'
        }`;
  return {
    tone: 'not_found',
    title: question,
    intro,
    items: answer.closest.map((hit) => cite(hit)),
    citations: book.citations(),
    footer: basisFooter(answer.basis),
  };
}

/** The first line: the sentence, opened by the correction of a premise or by the short answer. */
function leadLine(answer: Answer, first: SearchHit, text: string): string {
  if (answer.premise) {
    return `The articles don't report what the question takes for granted (“${answer.premise}”); what they say: ${text}`;
  }
  return answer.short && first.text.includes(answer.short) ? `${answer.short} — ${text}` : text;
}
