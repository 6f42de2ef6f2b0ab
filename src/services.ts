import type { SkippedFile } from './articles/types.js';
import type { Corpus } from './corpus/corpus.js';
import type { LlmBudget } from './llm/budget.js';
import type { LlmAnswerer } from './llm/llm-answerer.js';
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
  /** Present when a model is configured: answers come from it, verified, with extractive fallback. */
  llm?: { answerer: LlmAnswerer; budget: LlmBudget; model: string };
  /** Present when a store is open (the bot, the interactive console): channels follow the story. */
  subscriptions?: SubscriptionManager;
}
