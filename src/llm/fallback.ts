import type { FailureReason } from './chat.js';

/**
 * Why the extractive result is shown instead of the model's, and the one line that says so. Every
 * model feature (answers, summaries, claim checks) falls back the same way and says it the same way.
 */
export type FallbackReason = FailureReason | 'empty' | 'refused' | 'unverified' | 'premise' | 'cooldown' | 'budget';

/** What the note is about: "this answer", "this summary", "this check". */
export type ModelWork = 'answer' | 'summary' | 'check';

export function noteFor(reason: FallbackReason, model: string, work: ModelWork = 'answer'): string {
  const straight = `so this ${work} comes straight from the articles.`;
  switch (reason) {
    case 'timeout':
      return `${model} took too long to answer, ${straight}`;
    case 'rate_limited':
      return `${model} is busy (rate limited), ${straight}`;
    case 'server_error':
      return `${model} could not be reached, ${straight}`;
    case 'empty':
      return `${model} gave no ${work}, so this one comes straight from the articles.`;
    case 'refused':
      return work === 'answer' ? `${model} found no answer in the articles.` : `${model} declined, ${straight}`;
    case 'unverified':
      return work === 'answer'
        ? `${model}'s answer could not be checked against the articles, so it is not shown.`
        : `${model}'s ${work} could not be checked against the articles, ${straight}`;
    case 'premise':
      return `${model} answered as if the articles said what the question takes for granted, which they do not, ${straight}`;
    default:
      return `The model is not available right now, ${straight}`;
  }
}
