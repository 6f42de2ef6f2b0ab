import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Article, Basis } from '../articles/types.js';
import { ExpiringLru } from '../conversations/expiring-lru.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Logger } from '../logger.js';
import { BudgetRefusal, type LlmBudget } from './budget.js';
import { type ChatModel, failureReason } from './chat.js';
import { type FallbackReason, noteFor } from './fallback.js';
import { countTokens, type NumberedPassage } from './prompt.js';
import { citedPassages, packNotes, packParts, readScope } from './summary-parts.js';
import { INSTRUCTION_TOKENS, mapMessages, type OutlineLine, outlinePrompt, reduceMessages } from './summary-prompt.js';
import {
  addCounts,
  articleEvidenceOf,
  NO_COUNTS,
  type VerificationCounts,
  type VerifiedSentence,
  verifyAnswer,
} from './verify.js';

/**
 * Summaries written by the model, map-reduce style, every sentence checked before anyone sees it:
 *
 *  1. The articles in scope are read sentence by sentence, each sentence numbered once ([1] … [N]).
 *     When they come to more than `maxInputTokens`, each article is cut to its opening sentences
 *     (where news writing puts what matters), and if even that is too much, the oldest articles
 *     are left out; the summary says how many it read.
 *  2. Map: the sentences are packed, in story order, into parts that fit the model's context window
 *     (`contextTokens`, counted with gpt-tokenizer, less the instructions and the reply), and each
 *     part is summarised with citations. Each sentence the model writes is verified against the
 *     sentences it cites exactly as answers are (`verifyAnswer`): unknown citations removed,
 *     quotations made verbatim or dropped, unsupported sentences dropped.
 *  3. Reduce: when there was more than one part, the verified notes (with their citations) are
 *     combined into one summary — in rounds, if the notes themselves overflow the window — and the
 *     final sentences are verified again, against the article sentences their cited numbers point
 *     at, never against the notes.
 *
 * Results are cached per (corpus version, scope, length). Any failure — the model unreachable,
 * slow, rate limited, or nothing surviving verification — is a fallback the caller turns into the
 * extractive summary with a one-line note.
 */

export interface LlmSummaryRequest {
  /** The articles to summarise, in story order. */
  articles: readonly Article[];
  /** Names the scope in the cache key: "all", "article:<id>", "since:<day>". */
  scope: string;
  /** How many sentences at most. */
  sentences: number;
  /**
   * The extractive story outline (latest first, developments merged), which the summary keeps in
   * order and dates; given to the call that writes the final summary.
   */
  outline?: readonly OutlinePoint[];
  /** With a budget, who is asking and where (as for answers). */
  userId?: string;
  guildId?: string | null;
}

/** One outline line: a verbatim article sentence, and the day of the development it reports. */
export interface OutlinePoint {
  articleId: string;
  start: number;
  text: string;
  date?: string | null;
  latest?: boolean;
}

export interface VerifiedLlmSummary {
  fallback: false;
  model: string;
  sentences: VerifiedSentence[];
  counts: VerificationCounts;
  /** Articles whose sentences the model read, of `articlesInScope`. */
  articlesRead: number;
  articlesInScope: number;
  /** Only each article's opening sentences were read (the scope was too large for all of them). */
  openingsOnly: boolean;
  /** Model calls made (map parts and reduce rounds). */
  calls: number;
  basis: Basis;
  cached: boolean;
}

export interface LlmSummaryFallback {
  fallback: true;
  reason: FallbackReason;
  /** One line for the reply, saying why the extractive summary is shown instead. */
  note: string;
  model: string;
  counts?: VerificationCounts;
}

export type LlmSummary = VerifiedLlmSummary | LlmSummaryFallback;

export interface LlmSummariser {
  summarise(request: LlmSummaryRequest): Promise<LlmSummary>;
}

export interface LlmSummariserOptions {
  chat: ChatModel;
  corpus: Corpus;
  logger: Logger;
  budget?: LlmBudget;
  /** The model's context window in tokens; each call's prompt and reply stay within it. */
  contextTokens?: number;
  /** The most article text one summary sends in all (a cost bound, not a context one). */
  maxInputTokens?: number;
}

/**
 * A context window every chat model in the README's table has (Llama 3.1 and gpt-4o-mini have far
 * more); a smaller window only means more map calls.
 */
export const DEFAULT_CONTEXT_TOKENS = 8192;
/** About a quarter of a server's default daily allowance: a whole-story summary of a large corpus stays affordable. */
export const DEFAULT_MAX_INPUT_TOKENS = 48_000;
/** Map calls in flight at once: faster than one by one, gentle on rate limits. */
const MAP_CONCURRENCY = 4;
/** Notes are combined in at most this many rounds (each round shrinks them several times over). */
const MAX_REDUCE_ROUNDS = 4;
/** A cited sentence is about 40 tokens with its markers; the room asked for, per sentence requested. */
const OUTPUT_TOKENS_PER_SENTENCE = 90;
const MIN_OUTPUT_TOKENS = 400;
/** A window that leaves less than this for articles is too small to summarise with. */
const MIN_PART_TOKENS = 200;
const SUMMARY_CACHE_SIZE = 100;
const SUMMARY_CACHE_TTL_MS = 6 * 3_600_000;

/** Thrown inside a summary run to end it as a fallback. */
class SummaryFailure extends Error {
  constructor(readonly reason: FallbackReason) {
    super(reason);
  }
}

export function createLlmSummariser(options: LlmSummariserOptions): LlmSummariser {
  const { chat, corpus, budget } = options;
  const { model } = chat;
  const log = options.logger.child({ module: 'llm-summary' });
  const contextTokens = options.contextTokens ?? DEFAULT_CONTEXT_TOKENS;
  const maxInputTokens = options.maxInputTokens ?? DEFAULT_MAX_INPUT_TOKENS;
  const cache = new ExpiringLru<string, VerifiedLlmSummary>(SUMMARY_CACHE_SIZE, SUMMARY_CACHE_TTL_MS);
  // Two people asking for the same summary at once share one run.
  const running = new Map<string, Promise<LlmSummary>>();

  const fallback = (reason: FallbackReason, counts?: VerificationCounts, note?: string): LlmSummaryFallback => ({
    fallback: true,
    reason,
    note: note ?? noteFor(reason, model, 'summary'),
    model,
    ...(counts ? { counts } : {}),
  });

  async function run(request: LlmSummaryRequest, key: string): Promise<LlmSummary> {
    const outputTokens = outputTokensFor(request.sentences);
    const input = readScope(request.articles, maxInputTokens);
    const outline = outlineLines(request.outline, input.passages);
    // The outline rides along with the call that writes the final summary, so every part leaves room for it.
    const partTokens = partTokensFor(contextTokens - countTokens(outlinePrompt(outline)), request.sentences);
    if (budget && request.userId) {
      const allowed = budget.check(request.userId, request.guildId ?? null);
      if (!allowed.ok) return fallback(allowed.reason, undefined, allowed.message);
    }
    if (!input.passages.length) return fallback('empty');
    if (budget && request.userId) {
      const left = budget.remaining(request.guildId ?? null);
      if (input.tokens > left) {
        return fallback(
          'budget',
          undefined,
          `A summary of this scope needs about ${input.tokens} of the model's tokens and this server has ${left} left today, so this summary comes straight from the articles.`,
        );
      }
    }

    const counts: VerificationCounts = { ...NO_COUNTS };
    const byNumber = new Map(input.passages.map((passage) => [passage.n, passage]));
    let spent = 0;
    let calls = 0;
    const started = Date.now();

    /** One model call, verified against `passages`; a refusal or nothing verified gives no sentences. */
    const ask = async (
      messages: ChatCompletionMessageParam[],
      passages: readonly NumberedPassage[],
    ): Promise<VerifiedSentence[]> => {
      calls++;
      let content: string;
      try {
        const call = () => chat.complete(messages, { maxTokens: outputTokens });
        const guildId = request.guildId ?? null;
        const reply = budget ? await budget.metered(guildId, messages, outputTokens, call) : await call();
        content = reply.content;
        spent += reply.tokens;
      } catch (err) {
        if (err instanceof BudgetRefusal) throw new SummaryFailure('budget');
        const reason = failureReason(err);
        log.warn({ err, model, reason }, 'model call failed');
        throw new SummaryFailure(reason);
      }
      const result = verifyAnswer(content, passages, articleEvidenceOf(passages, corpus));
      addCounts(counts, result.counts);
      return result.ok ? result.sentences : [];
    };

    try {
      const parts = packParts(input.passages, partTokens);
      const single = parts.length === 1;
      const mapped = await inPool(parts, MAP_CONCURRENCY, (part) =>
        ask(mapMessages(part, request.sentences, single ? outline : undefined), part),
      );
      let notes = mapped.flat();
      for (let round = 0; !single && notes.length && round < MAX_REDUCE_ROUNDS; round++) {
        const batches = packNotes(notes, partTokens);
        const final = batches.length === 1 ? outline : undefined;
        notes = (
          await inPool(batches, MAP_CONCURRENCY, (batch) =>
            ask(reduceMessages(batch, request.sentences, final), citedPassages(batch, byNumber)),
          )
        ).flat();
        if (batches.length === 1) break;
      }
      log.info(
        { model, ms: Date.now() - started, calls, tokens: spent, parts: parts.length, ...counts },
        'summary written',
      );
      if (!notes.length) return fallback('unverified', counts);
      const summary: VerifiedLlmSummary = {
        fallback: false,
        model,
        sentences: notes.slice(0, request.sentences),
        counts,
        articlesRead: input.articlesRead,
        openingsOnly: input.openingsOnly,
        articlesInScope: request.articles.length,
        calls,
        basis: corpus.basis(),
        cached: false,
      };
      cache.set(key, summary);
      return summary;
    } catch (err) {
      if (err instanceof SummaryFailure) return fallback(err.reason, counts);
      throw err;
    }
  }

  return {
    async summarise(request) {
      const key = `${corpus.version}\u0000${request.scope}\u0000${request.sentences}`;
      const hit = cache.get(key);
      if (hit) return { ...hit, cached: true };
      const pending = running.get(key);
      if (pending) return pending;
      const result = run(request, key).finally(() => running.delete(key));
      running.set(key, result);
      return result;
    },
  };
}

/** The outline's lines with the numbers of the passages sent that hold their sentences. */
function outlineLines(
  outline: readonly OutlinePoint[] | undefined,
  passages: readonly NumberedPassage[],
): OutlineLine[] {
  return (outline ?? []).map((point) => ({
    text: point.text,
    date: point.date ?? null,
    latest: point.latest ?? false,
    numbers: passages
      .filter(
        (passage) => passage.articleId === point.articleId && passage.start <= point.start && point.start < passage.end,
      )
      .map((passage) => passage.n),
  }));
}

/** The room a reply of `sentences` cited sentences is given. */
const outputTokensFor = (sentences: number) => Math.max(MIN_OUTPUT_TOKENS, OUTPUT_TOKENS_PER_SENTENCE * sentences);

/** Tokens of articles (or notes) one call may carry: the window less the instructions and the reply. */
export function partTokensFor(contextTokens: number, sentences: number): number {
  const room = contextTokens - INSTRUCTION_TOKENS - outputTokensFor(sentences);
  if (room < MIN_PART_TOKENS) throw new RangeError(`a context window of ${contextTokens} tokens is too small`);
  return room;
}

/**
 * Maps `items` through `work` with at most `limit` at a time, results in input order. After a
 * failure no new item starts, and the failure is thrown once the items in flight have settled (so
 * every call made is counted before the caller gives up).
 */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { err: unknown } | null = null;
  const worker = async () => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        results[i] = await work(items[i]!);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { err: unknown }).err;
  return results;
}
