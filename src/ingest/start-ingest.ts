import { buildArticle } from '../articles/article.js';
import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Logger } from '../logger.js';
import { applyChange } from './apply-change.js';
import type { ArticleChange } from './article-change.js';
import { FeedPoller, type ReadFeedItem, type SavedFeedItems } from './feed-poller.js';
import type { FeedArticle, FeedStore } from './feed-records.js';
import { type SeedsAtStart, watchSeeds } from './seeds-watcher.js';

export interface IngestSettings {
  seedsDir: string;
  watchSeeds: boolean;
  maxArticleBytes: number;
  feeds: readonly string[];
  feedPollSeconds: number;
  /** Hosts fetched although internal (see Config.feedAllowedHosts); absent, every internal address is refused. */
  feedAllowedHosts?: readonly string[];
}

export interface Ingest {
  /** The feeds being polled: those in config, and those added while running. */
  feeds: FeedPoller;
  close(): Promise<void>;
}

/**
 * Called after each change is applied, with the version it replaced (for an update), so channels
 * can be told; awaited, so announcements keep the order changes arrive in.
 */
export type AfterChange = (change: ArticleChange, previous: Article | undefined) => Promise<void>;

/**
 * The feed items saved in the store, their articles rebuilt exactly as the poller built them (same
 * text and metadata, so the same id): for the corpus at start-up and for the poller's `known`.
 */
export async function loadSavedFeedItems(store: Pick<FeedStore, 'listFeedArticles'>): Promise<ReadFeedItem[]> {
  return feedItemsFrom(await store.listFeedArticles());
}

/** Feed items rebuilt from the feed articles the store kept. */
export function feedItemsFrom(kept: readonly FeedArticle[]): ReadFeedItem[] {
  return kept.map((saved) => ({
    origin: saved.origin,
    feedUrl: saved.feedUrl,
    fingerprint: saved.fingerprint,
    article: buildArticle(
      saved.text,
      { title: saved.title, date: saved.date, source: saved.source, url: saved.url, author: saved.author },
      saved.articleOrigin,
    ),
  }));
}

/** Keeps the items the poller reads in the store, starting from those saved before (`known`). */
export function savedFeedItemsIn(
  store: Pick<FeedStore, 'saveFeedArticle' | 'removeFeedArticle'>,
  known: readonly ReadFeedItem[],
): SavedFeedItems {
  return {
    known,
    async save({ origin, feedUrl, fingerprint, article }) {
      await store.saveFeedArticle({
        origin,
        feedUrl,
        fingerprint,
        articleOrigin: article.origin,
        title: article.title,
        date: article.date,
        source: article.source,
        url: article.url,
        author: article.author,
        text: article.text,
      });
    },
    async delete(origin) {
      await store.removeFeedArticle(origin);
    },
  };
}

/**
 * The feeds as /feed lists and changes them in a process that does not ingest (another holds the
 * ingest lease): configured ones listed, none ever polled here, each marked as read elsewhere.
 */
export function idleFeeds(settings: Pick<IngestSettings, 'feeds' | 'feedPollSeconds'>, logger: Logger): FeedPoller {
  return new FeedPoller({
    feeds: settings.feeds,
    intervalMs: settings.feedPollSeconds * 1000,
    onChange: async () => {},
    logger: logger.child({ module: 'feed-poller' }),
    readElsewhere: true,
  });
}

/** The seed articles among the corpus's: every article not read from a feed (`feedItems`). */
export function seedArticlesIn(corpus: Corpus, feedItems: readonly ReadFeedItem[]): Article[] {
  const fromFeeds = new Set(feedItems.map((item) => item.article.origin));
  return corpus.articles().filter((article) => !fromFeeds.has(article.origin));
}

/**
 * Keeps the corpus current while Newsdesk runs: files added to, changed in or removed from the
 * seeds folder, and items of the configured feeds, reach answers and search as soon as they settle.
 * `initial` is the seeds folder as the start read it. With `savedFeeds`, feed items are kept between
 * runs: their articles must already be in the corpus, and the poller reports only what changed.
 */
export function startIngest(
  settings: IngestSettings,
  corpus: Corpus,
  initial: SeedsAtStart,
  logger: Logger,
  afterChange?: AfterChange,
  savedFeeds?: SavedFeedItems,
): Ingest {
  const log = logger.child({ module: 'ingest' });
  const onChange = async (change: ArticleChange) => {
    const previous = change.kind === 'updated' ? corpus.get(change.previousArticleId) : undefined;
    applyChange(corpus, change);
    const id = change.kind === 'removed' ? change.articleId : change.article.id;
    log.info({ kind: change.kind, origin: change.origin, articleId: id, articles: corpus.size }, 'article change');
    await afterChange?.(change, previous);
  };
  const seeds = settings.watchSeeds
    ? watchSeeds(settings.seedsDir, {
        initial,
        onChange,
        maxBytes: settings.maxArticleBytes,
        logger: logger.child({ module: 'seeds-watcher' }),
      })
    : null;
  // Always running, even with no feed configured, so feeds added with /feed are polled at once.
  const feeds = new FeedPoller({
    feeds: settings.feeds,
    intervalMs: settings.feedPollSeconds * 1000,
    onChange,
    logger: logger.child({ module: 'feed-poller' }),
    userAgent: 'Newsdesk/0.1',
    allowedHosts: settings.feedAllowedHosts ?? [],
    saved: savedFeeds,
  });
  feeds.start();
  return {
    feeds,
    async close() {
      await seeds?.close();
      await feeds.stop();
    },
  };
}
