/**
 * Answering a question: the one use case behind /ask, mentions, DMs, reply chains and the console.
 * Transports only read the trigger, hand over what they can (a conversation to continue, a way to
 * show drafts, who is asking) and render the reply; how the answer is found is decided here alone.
 */
import { answerFollowUp } from '../conversations/answer-follow-up.js';
import { mainPersonOf, nameWordsOf } from '../conversations/answer-people.js';
import type { Conversation } from '../conversations/conversation-store.js';
import type { Reply } from '../reply.js';
import type { Services } from '../services.js';
import { answerReply, llmReply } from './answer-reply.js';

/** Who is asking and where: the model's language hint, per-person cooldowns, per-server allowances. */
export interface Asker {
  locale?: string;
  userId?: string;
  guildId?: string | null;
}

export interface AskedQuestion {
  /** As the person wrote it; the reply is titled with it. */
  question: string;
  /** Earlier turns it may follow up on ("and what did he say?"); this turn is added once answered. */
  conversation?: Conversation;
  /**
   * Given by a transport that can show a model's answer while it is written: each draft (checked
   * sentences only, at most about once a second) before the verified reply.
   */
  onDraft?: (draft: string) => void;
  asker?: Asker;
}

export interface AnsweredQuestion {
  /** Marked `whole` when the model wrote it (see Reply.whole). */
  reply: Reply;
  fromModel: boolean;
  /** What was actually answered: the question made self-contained from its conversation. */
  standalone: string;
}

/**
 * Answers `question` from the articles, in the context of its conversation: extractively, or by the
 * model (verified, falling back to the extractive answer with a note) when one is configured. A
 * question the articles cannot take (empty, say) is refused with a UserFacingError, and is not
 * remembered in the conversation.
 */
export async function answerAsked(
  services: Pick<Services, 'corpus' | 'index' | 'llm'>,
  { question, conversation, onDraft, asker = {} }: AskedQuestion,
): Promise<AnsweredQuestion> {
  const { corpus, llm } = services;
  const followUp = answerFollowUp(conversation?.history() ?? [], question, services, {
    // Only a follow-up reads names; the set is built once per corpus version.
    isName: (word) => nameWordsOf(corpus).has(word),
  });
  const { standalone } = followUp;
  let reply: Reply;
  let person: string | null;
  let fromModel = false;
  if (llm) {
    // The model answers the self-contained question, from the evidence already found for it.
    const options = { ...asker, extractive: followUp.answer };
    const result = onDraft
      ? await llm.answerer.answerStream(standalone, onDraft, options)
      : await llm.answerer.answer(standalone, options);
    fromModel = !result.fallback;
    reply = llmReply(question, result, corpus);
    person = mainPersonOf(
      result.fallback ? result.extractive.evidence : result.sentences.flatMap((s) => s.passages),
      corpus,
    );
  } else {
    reply = answerReply(question, followUp.answer, corpus);
    person = mainPersonOf(followUp.answer.evidence, corpus);
  }
  conversation?.record({ question, standalone, person });
  return { reply: fromModel ? { ...reply, whole: true } : reply, fromModel, standalone };
}
