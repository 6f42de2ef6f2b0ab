import type { SkippedFile } from './articles/types.js';
import type { Corpus } from './corpus/corpus.js';
import type { FeedManager } from './ingest/feed-manager.js';
import type { LlmBudget } from './llm/budget.js';
import type { LlmAnswerer } from './llm/llm-answerer.js';
import type { LlmClaimChecker } from './llm/llm-claim-checker.js';
import type { LlmSummariser } from './llm/llm-summariser.js';
import type { PassageIndex } from './search/passage-index.js';
import type { SubscriptionManager } from './subscriptions/subscription-manager.js';

export interface LoadReport {
  loaded: number;
  skipped: SkippedFile[];
  ms: number;
  dir: string;
}

/** What commands are handed: built once in the composition root (`src/index.ts`). */
export interface Services {
  corpus: Corpus;
  index: PassageIndex;
  load: LoadReport;
  startedAt: Date;
  /**
   * Present when a model is configured: answers, summaries and claim checks come from it, verified,
   * with extractive fallback. All three share one chat model, budget and cooldown.
   */
  llm?: {
    answerer: LlmAnswerer;
    summariser: LlmSummariser;
    checker: LlmClaimChecker;
    budget: LlmBudget;
    model: string;
  };
  /** Present when a store is open (the bot, the interactive console): channels follow the story. */
  subscriptions?: SubscriptionManager;
  /** Present when a store is open: null while it can be written, else what is wrong (for /status). */
  storeHealth?: { problem(): string | null };
  /** Present while the bot runs: feeds added and removed with /feed. */
  feeds?: FeedManager;
}
