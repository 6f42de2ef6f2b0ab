import type { Logger } from '../logger.js';
import { ANALYSIS_VERSION, type ArticleStore, type KeptArticle } from './article-store.js';
import type { Corpus } from './corpus.js';

/** How often a follower reads the change log, by default. */
const DEFAULT_FOLLOW_INTERVAL_MS = 3_000;
/** Log entries read per query. */
const PAGE = 500;

export interface FollowOptions {
  /** The log position the corpus already reflects (`OpenedCorpus.changesSeen`). */
  after: number;
  logger: Logger;
  intervalMs?: number;
  /** Runs each batch of corpus changes; `KeptStored.fromStore`, so what came from the store is not written back. */
  apply?: (change: () => void) => void;
}

export interface CorpusFollower {
  /** Reads the log from where it left off and applies what it finds; resolves with the changes applied. */
  poll(): Promise<number>;
  /** Polls every interval until `stop`. */
  start(): void;
  /** Stops polling and waits for a poll under way. */
  stop(): Promise<void>;
}

/**
 * Keeps a corpus in step with articles another process ingests into a shared store: reads the
 * store's change log after the last position applied and adds or withdraws those articles, with
 * the analysis stored beside them (nothing is parsed again; only an article stored under another
 * analysis version, during a rolling deploy, is analysed again). An article added and then
 * removed within one read is never added; an update (the old version removed, the new one added)
 * is applied at once, so the two never answer side by side.
 */
export function followCorpus(corpus: Corpus, store: ArticleStore, options: FollowOptions): CorpusFollower {
  const log = options.logger.child({ module: 'corpus-follower' });
  const intervalMs = options.intervalMs ?? DEFAULT_FOLLOW_INTERVAL_MS;
  const apply = options.apply ?? ((change: () => void) => change());
  let position = options.after;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  const readOnce = async (): Promise<number> => {
    let applied = 0;
    for (;;) {
      const changes = await store.changesSince(position, PAGE);
      if (!changes.length) return applied;
      // The last entry for an article says whether it is in the corpus now.
      const latest = new Map<string, 'added' | 'removed'>();
      for (const change of changes) {
        latest.delete(change.articleId);
        latest.set(change.articleId, change.kind);
      }
      const removed = [...latest].filter(([, kind]) => kind === 'removed').map(([id]) => id);
      const wanted = [...latest].filter(([id, kind]) => kind === 'added' && !corpus.get(id)).map(([id]) => id);
      const kept = await store.readArticles(wanted, ANALYSIS_VERSION);
      const analysisOf = new Map(kept.map((item): [string, KeptArticle] => [item.article.id, item]));
      apply(() => {
        applied += corpus.remove(removed).length;
        applied += corpus.add(
          kept.map((item) => item.article),
          // Read from the store when asked for. The corpus analyses it only if it was stored under
          // another analysis version (a rolling deploy), or the store lost it since (removed
          // meanwhile: a later entry withdraws it).
          (article) => analysisOf.get(article.id)!.analysis,
        ).length;
      });
      position = changes[changes.length - 1]!.seq;
      if (changes.length < PAGE) return applied;
    }
  };

  const poll = (): Promise<number> => {
    const previous = running ?? Promise.resolve(0);
    const current = previous.then(readOnce, readOnce);
    running = current;
    void current
      .finally(() => {
        if (running === current) running = null;
      })
      .catch(() => {});
    return current;
  };

  const tick = async () => {
    timer = null;
    try {
      const applied = await poll();
      if (applied) log.info({ applied, articles: corpus.size, position }, 'followed the corpus change log');
    } catch (err) {
      log.warn({ err }, 'could not read the corpus change log; trying again');
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };

  return {
    poll,
    start() {
      if (!stopped) return;
      stopped = false;
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => 0);
    },
  };
}
