import { nameWordsOf } from '../conversations/answer-people.js';
import type { Logger } from '../logger.js';
import { listPeople } from '../people/directory.js';
import { findQuotes } from '../quotes/find-quotes.js';
import { summarise } from '../summaries/summarise.js';
import { mergedTimeline } from '../timeline/merged-timeline.js';
import type { Corpus } from './corpus.js';

/**
 * Builds the story-wide views (summary, quotes, people, timeline, the people's name words) once,
 * so they are cached for the corpus version the bot starts with. They are built synchronously,
 * seconds at 10k articles; done before the bot logs in, no interaction waits behind them (one
 * arriving during a first build on the bot's thread could miss Discord's 3-second window). A view
 * that fails is logged and left to be built, and reported, when first asked for.
 */
export function warmStoryViews(corpus: Corpus, logger: Logger): void {
  const log = logger.child({ module: 'warm-views' });
  const views: Array<[string, () => unknown]> = [
    ['summary', () => summarise(corpus)],
    ['quotes', () => findQuotes(corpus)],
    ['people', () => listPeople(corpus)],
    // Merged, not copied out: a copy of every entry reads every article's text again.
    ['timeline', () => mergedTimeline(corpus)],
    // What a follow-up question reads its names from: a pass over every article's analysis (about
    // 1 s at 10k articles), paid otherwise by the first follow-up after a start.
    ['names', () => nameWordsOf(corpus)],
  ];
  const started = performance.now();
  for (const [view, build] of views) {
    try {
      build();
    } catch (err) {
      log.warn({ err, view }, 'could not build a story view ahead; it is built when first asked for');
    }
  }
  log.info({ ms: Math.round(performance.now() - started), articles: corpus.size }, 'story views built');
}
