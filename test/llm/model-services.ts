import type { Corpus } from '../../src/corpus/corpus.js';
import { LlmBudget } from '../../src/llm/budget.js';
import { type ChatModel, createChatModel } from '../../src/llm/chat.js';
import { createLlmClient } from '../../src/llm/client.js';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { createLlmClaimChecker } from '../../src/llm/llm-claim-checker.js';
import { createLlmSummariser } from '../../src/llm/llm-summariser.js';
import { createLogger } from '../../src/logger.js';
import type { PassageIndex } from '../../src/search/passage-index.js';
import type { Services } from '../../src/services.js';
import type { FakeOpenAi } from './fake-openai.js';

export const MODEL = 'test-model';

export interface ModelOptions {
  timeoutMs?: number;
  maxRetries?: number;
  budget?: LlmBudget;
  /** For the summariser: a small window forces map-reduce on a small corpus. */
  contextTokens?: number;
  maxInputTokens?: number;
}

/** The real openai client pointed at the fake server, wrapped as the app wraps it. */
export function chatFor(fake: FakeOpenAi, options: ModelOptions = {}): ChatModel {
  const client = createLlmClient({
    apiKey: 'sk-test',
    baseURL: fake.baseURL,
    timeoutMs: options.timeoutMs ?? 5000,
    maxRetries: options.maxRetries,
  });
  return createChatModel({ client, model: MODEL, logger: createLogger({ level: 'silent' }) });
}

/**
 * `Services['llm']` as `createLlm` in src/index.ts builds it, over the fake server. A fresh one per
 * test: its caches would otherwise answer a repeated question unasked.
 */
export function modelServices(
  fake: FakeOpenAi,
  desk: { corpus: Corpus; index: PassageIndex },
  options: ModelOptions = {},
): NonNullable<Services['llm']> {
  const logger = createLogger({ level: 'silent' });
  const chat = chatFor(fake, options);
  const budget = options.budget ?? new LlmBudget({ cooldownSeconds: 0 });
  return {
    answerer: createLlmAnswerer({ chat, ...desk, logger, budget }),
    summariser: createLlmSummariser({
      chat,
      corpus: desk.corpus,
      logger,
      budget,
      contextTokens: options.contextTokens,
      maxInputTokens: options.maxInputTokens,
    }),
    checker: createLlmClaimChecker({ chat, ...desk, logger, budget }),
    budget,
    model: MODEL,
  };
}
