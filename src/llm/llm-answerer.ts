import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { type Answer, answerQuestion } from '../answers/answer-question.js';
import type { Basis } from '../articles/types.js';
import { ExpiringLru } from '../conversations/expiring-lru.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Logger } from '../logger.js';
import type { PassageIndex } from '../search/passage-index.js';
import { assertsPremise, flagSuperseded, modelPassages, unsupportedPremise } from './answer-evidence.js';
import { BudgetRefusal, type LlmBudget } from './budget.js';
import { type ChatModel, type ChatReply, failureReason } from './chat.js';
import { type FallbackReason, noteFor } from './fallback.js';
import { buildMessages, type NumberedPassage } from './prompt.js';
import { looksEnglish } from './support.js';
import {
  articleEvidenceOf,
  finishedSentences,
  type Verification,
  type VerificationCounts,
  type VerifiedSentence,
  verifyAnswer,
} from './verify.js';

export interface VerifiedLlmAnswer {
  fallback: false;
  /** Which model wrote it: every answer says so ("Answered by gpt-4o-mini"). */
  model: string;
  sentences: VerifiedSentence[];
  /** The sentences with their [n] markers, as one text. */
  text: string;
  counts: VerificationCounts;
  basis: Basis;
  /** Served from the answer cache, at no cost. */
  cached: boolean;
}

export interface LlmFallback {
  fallback: true;
  reason: FallbackReason;
  /** One line for the reply, saying why the extractive answer is shown instead. */
  note: string;
  model: string;
  extractive: Answer;
  counts?: VerificationCounts;
}

export type LlmAnswer = VerifiedLlmAnswer | LlmFallback;

export interface LlmAnswerOptions {
  /** The asker's language setting (Discord's `locale`), passed to the model as a hint. */
  locale?: string;
  /** With a budget, who is asking and where: cooldowns are per person, allowances per server. */
  userId?: string;
  guildId?: string | null;
  /** The extractive answer to this very question, when the caller has it already (it is found otherwise). */
  extractive?: Answer;
}

/** Where answers are remembered; any map-like store will do (the default is an in-memory LRU). */
export interface AnswerCache {
  get(key: string): LlmAnswer | undefined;
  set(key: string, value: LlmAnswer): void;
}

export interface LlmAnswererOptions {
  /** The model, shared with the other model features (see chat.ts). */
  chat: ChatModel;
  corpus: Corpus;
  index: PassageIndex;
  logger: Logger;
  cache?: AnswerCache;
  budget?: LlmBudget;
}

export interface LlmAnswerer {
  answer(question: string, options?: LlmAnswerOptions): Promise<LlmAnswer>;
  /**
   * As `answer`, streamed: `onDraft` gets the answer so far, at most every `DRAFT_INTERVAL_MS`: its
   * finished sentences that pass verification, without passage numbers (nothing unchecked is shown
   * while the model writes, not even for a second).
   */
  answerStream(question: string, onDraft: (text: string) => void, options?: LlmAnswerOptions): Promise<LlmAnswer>;
}

/** Discord allows about 5 message edits per 5 s per channel; one a second stays well inside it. */
export const DRAFT_INTERVAL_MS = 1000;
export const ANSWER_CACHE_SIZE = 500;
/** A cached answer is only reused while the corpus is unchanged; this bounds how long a stale model setup lingers. */
export const ANSWER_CACHE_TTL_MS = 6 * 3_600_000;
/** Closest passages shown when the model finds no answer, as the extractive engine shows them. */
const MAX_CLOSEST = 3;
/** At most four short sentences are asked for; this caps a model that rambles. */
const MAX_OUTPUT_TOKENS = 600;

export function createLlmAnswerer(options: LlmAnswererOptions): LlmAnswerer {
  const { chat, corpus, index, budget } = options;
  const { model } = chat;
  const log = options.logger.child({ module: 'llm' });
  const cache = options.cache ?? new ExpiringLru<string, LlmAnswer>(ANSWER_CACHE_SIZE, ANSWER_CACHE_TTL_MS);

  const fallback = (reason: FallbackReason, extractive: Answer, counts?: VerificationCounts): LlmFallback => ({
    fallback: true,
    reason,
    note: noteFor(reason, model),
    model,
    extractive: reason === 'refused' || reason === 'unverified' ? notFound(extractive) : extractive,
    ...(counts ? { counts } : {}),
  });

  async function run(
    question: string,
    options: LlmAnswerOptions,
    call: (messages: ChatCompletionMessageParam[], check: (text: string) => Verification) => Promise<ChatReply>,
  ): Promise<LlmAnswer> {
    const extractive = options.extractive ?? answerQuestion(question, { corpus, index });
    const key = `${corpus.version}\u0000${options.locale ?? ''}\u0000${normaliseQuestion(question)}`;
    const hit = cache.get(key);
    if (hit) return hit.fallback ? fallback(hit.reason, extractive, hit.counts) : { ...hit, cached: true };

    if (budget && options.userId) {
      const allowed = budget.check(options.userId, options.guildId ?? null);
      if (!allowed.ok) return { ...fallback(allowed.reason, extractive), note: allowed.message };
    }
    const passages = modelPassages(question, extractive, { corpus, index });
    if (!passages.length) return fallback('refused', extractive);

    const check = holdToEvidence(question, passages);
    const messages = buildMessages(question, passages, options.locale);
    const started = Date.now();
    let content: string;
    try {
      const guildId = options.guildId ?? null;
      const reply = budget
        ? await budget.metered(guildId, messages, MAX_OUTPUT_TOKENS, () => call(messages, check))
        : await call(messages, check);
      content = reply.content;
      log.info({ model, ms: Date.now() - started, tokens: reply.tokens, passages: passages.length }, 'model answered');
    } catch (err) {
      if (err instanceof BudgetRefusal) return { ...fallback('budget', extractive), note: err.message };
      const reason = failureReason(err);
      log.warn({ err, model, reason, ms: Date.now() - started }, 'model call failed');
      return fallback(reason, extractive);
    }

    const result = check(content);
    log.info({ model, ...result.counts, ok: result.ok }, 'answer verified');
    const answer: LlmAnswer = result.ok
      ? {
          fallback: false,
          model,
          sentences: result.sentences,
          text: result.text,
          counts: result.counts,
          basis: extractive.basis,
          cached: false,
        }
      : fallback(result.reason, extractive, result.counts);
    // A refusal or an unverifiable answer would come out the same next time; an empty reply may be a hiccup.
    if (!answer.fallback || answer.reason !== 'empty') cache.set(key, answer);
    return answer;
  }

  /**
   * The verification every answer and draft passes, then the extractive engine's rules: a
   * sentence asserting what the question takes for granted and no passage says is dropped, and
   * one resting on a report a later article contradicts says so. What depends only on the
   * question and its passages is read once, not again for every draft.
   */
  function holdToEvidence(question: string, passages: readonly NumberedPassage[]): (text: string) => Verification {
    // Decided from the question, never from the model's text, which a planted instruction could steer.
    const crossLanguage = !looksEnglish(question);
    const evidence = { ...articleEvidenceOf(passages, corpus), crossLanguage };
    // A question in another language shares no words with the passages: its premise cannot be read so.
    const premise = crossLanguage ? new Set<string>() : unsupportedPremise(question, passages);
    return (text) => {
      const result = verifyAnswer(text, passages, evidence);
      if (!result.ok) return result;
      const kept = result.sentences.filter((sentence) => !assertsPremise(sentence.text, premise));
      const counts = {
        ...result.counts,
        sentencesDropped: result.counts.sentencesDropped + result.sentences.length - kept.length,
      };
      if (!kept.length) return { ok: false, reason: 'premise', counts };
      const sentences = flagSuperseded(kept, { corpus, index });
      const cited = sentences.map((s) => `${s.text} ${s.passages.map((p) => `[${p.n}]`).join('')}`);
      return { ok: true, sentences, text: cited.join(' '), counts };
    };
  }

  return {
    answer(question, options = {}) {
      return run(question, options, (messages) => chat.complete(messages, { maxTokens: MAX_OUTPUT_TOKENS }));
    },

    answerStream(question, onDraft, options = {}) {
      return run(question, options, (messages, check) => {
        let lastDraftAt = Number.NEGATIVE_INFINITY;
        let lastChecked = '';
        let lastDraft = '';
        return chat.stream(messages, { maxTokens: MAX_OUTPUT_TOKENS }, (content) => {
          const now = Date.now();
          if (now - lastDraftAt < DRAFT_INTERVAL_MS) return;
          // Only finished sentences that pass the answer's own verification are ever shown.
          const finished = finishedSentences(content);
          if (!finished || finished === lastChecked) return;
          lastChecked = finished;
          const draft = checkedDraft(check(finished));
          if (draft && draft !== lastDraft) {
            lastDraftAt = now;
            lastDraft = draft;
            onDraft(draft);
          }
        });
      });
    },
  };
}

/** A draft as a person may see it: the verified sentences so far, without citation markers. */
function checkedDraft(verification: Verification): string {
  return verification.ok ? verification.sentences.map((sentence) => sentence.text).join(' ') : '';
}

/**
 * When the model read the passages and found no answer (or none that holds up), the extractive
 * engine's best sentences are shown as the closest passages, not as an answer: the reply says
 * plainly that the articles do not say.
 */
function notFound(extractive: Answer): Answer {
  const closest = extractive.evidence.length ? extractive.evidence : extractive.closest;
  return { status: 'not_found', evidence: [], closest: closest.slice(0, MAX_CLOSEST), basis: extractive.basis };
}

/** Case, spacing and trailing punctuation do not make a different question. */
export function normaliseQuestion(question: string): string {
  return question
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.]+$/, '')
    .trim();
}
