/**
 * `npm run eval -- --data DIR --llm`: the QA set (DIR/qa/*.jsonl, as eval/qa.ts reads it) put
 * through the verified model answerer, scored as the extractive run is (answer in the top sentence,
 * refusal on an unrelated article), and the summary sets (DIR/summaries/*.jsonl) through the model
 * summariser, scored with ROUGE as the extractive summaries are (same budgets, same Lead-3). Both
 * report what verification had to do: citations removed, quotes corrected or removed, sentences
 * dropped, and what fell back to the extractive engine, by reason (a summary that fell back is
 * scored as the extractive summary a person would then see). The model comes from the same
 * settings as the bot (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, LLM_TIMEOUT_MS).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildArticle } from '../src/articles/article.js';
import { type Config, readConfig } from '../src/config.js';
import { Corpus } from '../src/corpus/corpus.js';
import { WITHOUT_ANALYSIS } from '../src/corpus/indexed-corpus.js';
import { type ChatModel, createChatModel } from '../src/llm/chat.js';
import { createLlmClient } from '../src/llm/client.js';
import type { FallbackReason } from '../src/llm/fallback.js';
import { createLlmAnswerer, type LlmAnswer, type LlmAnswerer } from '../src/llm/llm-answerer.js';
import { createLlmSummariser } from '../src/llm/llm-summariser.js';
import type { VerificationCounts } from '../src/llm/verify.js';
import { createLogger, type Logger } from '../src/logger.js';
import { summariseArticleText } from '../src/summaries/summarise-text.js';
import { containsAnswer, openRowCorpus, readQaRows, unrelatedRow } from './qa.js';
import { evalSummaries } from './summaries.js';
import type { SummaryScores } from './types.js';

export const SKIPPED_NO_MODEL = 'skipped: no model configured (set OPENAI_API_KEY)';

type QaRow = Awaited<ReturnType<typeof readQaRows>>[number];

export interface LlmQaScores extends VerificationCounts {
  model: string;
  /** Questions asked of their own article. */
  n: number;
  /** The first verified sentence holds an answer (or, on fallback, the first extractive evidence). */
  answerInTopSentence: number;
  /** Asked of an unrelated article, the reply said the articles do not say. */
  refusalOnUnrelated: number;
  /** Every question asked (own and unrelated article) that fell back to the extractive answer, by reason. */
  fallbacks: Partial<Record<FallbackReason, number>>;
}

/** ROUGE of the model's summaries (fallbacks scored as the extractive summary shown instead). */
export interface LlmSummaryScores extends SummaryScores, VerificationCounts {
  model: string;
  /** Rows whose summary fell back to the extractive one, by reason. */
  fallbacks: Partial<Record<FallbackReason, number>>;
}

export type LlmEvalResult =
  | { skipped: string }
  | { qa: Record<string, LlmQaScores>; summaries: Record<string, LlmSummaryScores> };

export interface LlmEvalOptions {
  chat: ChatModel;
  logger: Logger;
}

/** One article answering on its own through the model, as a one-article Newsdesk would. */
interface Desk {
  answerer: LlmAnswerer;
  close: () => void;
}

function openDesk(row: QaRow, options: LlmEvalOptions): Desk {
  const { corpus, index } = openRowCorpus(row);
  const answerer = createLlmAnswerer({ chat: options.chat, logger: options.logger, corpus, index });
  return { answerer, close: () => index.close() };
}

/** What a person would read first: the first verified sentence, or the extractive evidence on fallback. */
export function topSentence(answer: LlmAnswer): string | undefined {
  return answer.fallback ? answer.extractive.evidence[0]?.text : answer.sentences[0]?.text;
}

/** A reply that says the articles do not answer the question (the model refused, or nothing held up). */
export function saysNotFound(answer: LlmAnswer): boolean {
  return answer.fallback && answer.extractive.status === 'not_found';
}

export async function scoreLlmQaRows(rows: readonly QaRow[], options: LlmEvalOptions): Promise<LlmQaScores> {
  const desks = rows.map((row) => openDesk(row, options));
  const scores: LlmQaScores = {
    model: options.chat.model,
    n: 0,
    answerInTopSentence: 0,
    refusalOnUnrelated: 0,
    citationsRemoved: 0,
    quotesCorrected: 0,
    quotesRemoved: 0,
    sentencesDropped: 0,
    fallbacks: {},
  };
  let inTop = 0;
  let unrelated = 0;
  let refused = 0;
  const tally = (answer: LlmAnswer) => {
    const counts = answer.counts;
    if (counts) {
      scores.citationsRemoved += counts.citationsRemoved;
      scores.quotesCorrected += counts.quotesCorrected;
      scores.quotesRemoved += counts.quotesRemoved;
      scores.sentencesDropped += counts.sentencesDropped;
    }
    if (answer.fallback) scores.fallbacks[answer.reason] = (scores.fallbacks[answer.reason] ?? 0) + 1;
  };
  try {
    for (const [i, row] of rows.entries()) {
      for (const item of row.qa) {
        scores.n++;
        const own = await desks[i]!.answerer.answer(item.question);
        tally(own);
        if (containsAnswer(topSentence(own), item.answers)) inTop++;
        const j = unrelatedRow(rows, i, item.answers);
        if (j === null) continue;
        unrelated++;
        const other = await desks[j]!.answerer.answer(item.question);
        tally(other);
        if (saysNotFound(other)) refused++;
      }
    }
  } finally {
    for (const desk of desks) desk.close();
  }
  scores.answerInTopSentence = scores.n ? inTop / scores.n : 0;
  scores.refusalOnUnrelated = unrelated ? refused / unrelated : 0;
  return scores;
}

/** Scores every `DIR/qa/*.jsonl` through the model, keyed by file name. */
export async function evalLlmQa(dataDir: string, options: LlmEvalOptions): Promise<Record<string, LlmQaScores>> {
  const folder = join(dataDir, 'qa');
  const files = (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort();
  const scores: Record<string, LlmQaScores> = {};
  for (const name of files)
    scores[basename(name)] = await scoreLlmQaRows(await readQaRows(join(folder, name)), options);
  return scores;
}

/**
 * Every `DIR/summaries/*.jsonl` summarised by the model, one article at a time, asking for as many
 * sentences as the extractive eval's budget for the set allows.
 */
export async function evalLlmSummaries(
  dataDir: string,
  options: LlmEvalOptions,
): Promise<Record<string, LlmSummaryScores>> {
  const tallies = new Map<string, Omit<LlmSummaryScores, keyof SummaryScores>>();
  const rouge = await evalSummaries(dataDir, async (text, budget, file) => {
    let tally = tallies.get(file);
    if (!tally) {
      tally = { model: options.chat.model, fallbacks: {}, ...noCounts() };
      tallies.set(file, tally);
    }
    // A title of its own: untitled text would be headed by its whole first paragraph.
    const article = buildArticle(text, { title: 'Article' }, `row-${tallies.size}`);
    // Summaries read no analysis (quotes, people), so none is computed.
    const corpus = new Corpus(WITHOUT_ANALYSIS);
    corpus.add([article]);
    const summariser = createLlmSummariser({ chat: options.chat, corpus, logger: options.logger });
    const sentences = Math.min(budget.maxSentences, article.sentences.length);
    const summary = await summariser.summarise({ articles: [article], scope: article.id, sentences });
    for (const name of COUNT_NAMES) tally[name] += summary.counts?.[name] ?? 0;
    if (!summary.fallback) return summary.sentences.map((sentence) => sentence.text);
    tally.fallbacks[summary.reason] = (tally.fallbacks[summary.reason] ?? 0) + 1;
    return summariseArticleText(text, budget).map((sentence) => sentence.text);
  });
  const scores: Record<string, LlmSummaryScores> = {};
  for (const [file, s] of Object.entries(rouge)) {
    scores[file] = { ...s, ...(tallies.get(file) ?? { model: options.chat.model, fallbacks: {}, ...noCounts() }) };
  }
  return scores;
}

const COUNT_NAMES = ['citationsRemoved', 'quotesCorrected', 'quotesRemoved', 'sentencesDropped'] as const;
const noCounts = (): VerificationCounts => ({
  citationsRemoved: 0,
  quotesCorrected: 0,
  quotesRemoved: 0,
  sentencesDropped: 0,
});

/**
 * The --llm part of the eval, with the model the configuration names; skipped (not failed) when
 * none is configured, so the eval still runs everywhere. A set whose folder is missing is left out.
 */
export async function runLlmEval(dataDir: string, settings: Config['llm'] = readConfig().llm): Promise<LlmEvalResult> {
  if (!settings) return { skipped: SKIPPED_NO_MODEL };
  const hasQa = existsSync(join(dataDir, 'qa'));
  const hasSummaries = existsSync(join(dataDir, 'summaries'));
  if (!hasQa && !hasSummaries) return { skipped: `skipped: neither ${join(dataDir, 'qa')} nor summaries/ exists` };
  // Model failures are counted as fallbacks in the table; the log only needs to say when things go wrong.
  const logger = createLogger({ level: 'warn' });
  const client = createLlmClient({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    logger: logger.child({ module: 'openai' }),
  });
  const options = { chat: createChatModel({ client, model: settings.model, logger }), logger };
  return {
    qa: hasQa ? await evalLlmQa(dataDir, options) : {},
    summaries: hasSummaries ? await evalLlmSummaries(dataDir, options) : {},
  };
}
