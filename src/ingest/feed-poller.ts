import Parser from 'rss-parser';
import type { Article } from '../articles/types.js';
import type { ArticleChange, ChangeListener, IngestLogger } from './article-change.js';
import { extractPageText } from './extract-page-text.js';
import { type FeedItem, feedItemArticle, itemFingerprint, itemKey, itemText, MIN_ARTICLE_CHARS } from './feed-items.js';
import { createGuardedFetch, type GuardedFetch, type GuardedFetchOptions, RefusedFetchError } from './guarded-fetch.js';
import { OriginIndex } from './origin-index.js';

/** A feed or page that has not answered by then is treated as failed for this round. */
export const DEFAULT_FEED_TIMEOUT_MS = 10_000;
/** However often a feed fails, it is tried again at least this often. */
export const MAX_FEED_BACKOFF_MS = 60 * 60 * 1000;
const ACCEPT_FEED = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const ACCEPT_PAGE = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

export interface FeedPollerOptions {
  feeds: readonly string[];
  intervalMs: number;
  onChange: ChangeListener;
  logger: IngestLogger;
  timeoutMs?: number;
  maxBackoffMs?: number;
  /**
   * Hosts fetched even though they resolve to a loopback, private or link-local address (a
   * self-hoster's own feed server); every other such address is refused, on every redirect too.
   */
  allowedHosts?: readonly string[];
  /** How host names are resolved (dns.lookup unless a test gives another). */
  resolve?: GuardedFetchOptions['resolve'];
  /** Another process polls these feeds (it holds the ingest lease): this poller only lists them. */
  readElsewhere?: boolean;
  /** The clock backoff is measured on; tests move it. */
  now?: () => number;
  userAgent?: string;
  /** Where items read are kept between runs; without it, each run starts from nothing. */
  saved?: SavedFeedItems;
}

/** One feed item as read: the article built from it, and the fingerprint that tells when the item changes. */
export interface ReadFeedItem {
  /** The ingest origin: `<feed url> <item key>`, as in the changes reported. */
  origin: string;
  feedUrl: string;
  fingerprint: string;
  article: Article;
}

/**
 * Items kept between runs (in the bot, in the store), as plain functions so the poller needs no
 * store. Kept items are not withdrawn when they drop off their feed: only removing the feed does that.
 */
export interface SavedFeedItems {
  /**
   * Items read in earlier runs, whose articles the caller has already put in the corpus: while
   * unchanged they are neither reported nor read again (no page fetched); a change is an update.
   */
  known: readonly ReadFeedItem[];
  /** Called with each new or changed item, after its change (if any) has been reported. */
  save(item: ReadFeedItem): Promise<void>;
  /** Called for each item of a removed feed, after its article's withdrawal has been reported. */
  delete(origin: string): Promise<void>;
}

/**
 * What a member is told about any failed poll, whatever happened: "connection refused", a timeout or
 * an HTTP status would tell them what answers at an address. The details go to the operator's log.
 */
export const FEED_UNREADABLE = 'could not be read as a feed (details are in the bot’s log)';

/** What an admin command can show about one feed. */
export interface FeedStatus {
  url: string;
  title: string | null;
  lastSuccessAt: number | null;
  failures: number;
  /** FEED_UNREADABLE after a failed poll, null after a good one. */
  lastError: string | null;
  nextAttemptAt: number;
  /** True when another process polls the feeds (it holds the ingest lease) and this one only lists them. */
  readElsewhere?: boolean;
}

/** A feed's status before its first read. */
export function unreadFeedStatus(url: string): FeedStatus {
  return { url, title: null, lastSuccessAt: null, failures: 0, lastError: null, nextAttemptAt: 0 };
}

interface FeedState extends FeedStatus {
  etag: string | null;
  lastModified: string | null;
  /** Origin → fingerprint of the item as last read, so unchanged items cost nothing. */
  seen: Map<string, string>;
}

/** An item read in this round, with the change it made to the articles, if any. */
interface ItemRead {
  item: ReadFeedItem;
  change: ArticleChange | null;
}

class FeedError extends Error {}

/**
 * Polls RSS and Atom feeds and reports new and changed items as article changes. Fetching is ours
 * (conditional requests, timeouts, backoff); parsing is rss-parser's `parseString`. Items that drop
 * off a feed are not withdrawn: feeds show only their latest items, and an old story is still true.
 * With `saved`, what was read is kept between runs, so those items outlive the feed's window and a
 * restart; removing a feed withdraws the articles read from it.
 */
export class FeedPoller {
  private readonly feeds = new Map<string, FeedState>();
  /** Keyed by `<feed url> <item key>`, shared by all feeds so one story in two feeds is one article. */
  private readonly index: OriginIndex;
  /** Feed URL → origin → fingerprint of items read in earlier runs, until the feed is added. */
  private readonly known = new Map<string, Map<string, string>>();
  private readonly parser = new Parser();
  private readonly fetch: GuardedFetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly maxBackoffMs: number;
  private timer: NodeJS.Timeout | null = null;
  /** The last poll queued (a round, or new feeds for `pollSoon`); each starts once the one before ends. */
  private running: Promise<void> | null = null;
  private stopped = true;
  /** A `pollSoon` is queued and not started yet: feeds added meanwhile are read by it too. */
  private newFeedsQueued = false;

  constructor(private readonly options: FeedPollerOptions) {
    this.fetch = createGuardedFetch({
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_FEED_TIMEOUT_MS;
    this.maxBackoffMs = options.maxBackoffMs ?? MAX_FEED_BACKOFF_MS;
    const known = options.saved?.known ?? [];
    this.index = new OriginIndex(known.map((item) => [item.origin, item.article.id] as const));
    for (const item of known) {
      let seen = this.known.get(item.feedUrl);
      if (!seen) {
        seen = new Map();
        this.known.set(item.feedUrl, seen);
      }
      seen.set(item.origin, item.fingerprint);
    }
    for (const url of options.feeds) this.addFeed(url);
  }

  /** Adds a feed (no-op if already polled); it is read on the next round. */
  addFeed(url: string): void {
    if (this.feeds.has(url)) return;
    // Items read from it in an earlier run are known: the first poll reports only what changed.
    const seen = this.known.get(url) ?? new Map<string, string>();
    this.known.delete(url);
    this.feeds.set(url, {
      ...unreadFeedStatus(url),
      etag: null,
      lastModified: null,
      seen,
    });
  }

  /**
   * Stops polling a feed and withdraws the articles read from it (one another feed also carries
   * stays): each withdrawal is reported, then the item is deleted from `saved`. A round under way,
   * which may be reading the feed, is waited for first, so nothing it reads outlives the removal.
   * False when the feed was not polled and nothing had been read from it.
   */
  async removeFeed(url: string): Promise<boolean> {
    const feed = this.feeds.get(url);
    const known = this.known.get(url);
    this.feeds.delete(url);
    this.known.delete(url);
    if (!feed && !known) return false;
    await this.running;
    const origins = new Set([...(feed?.seen.keys() ?? []), ...(known?.keys() ?? [])]);
    for (const origin of origins) {
      const change = this.index.transition(origin, null);
      if (change) await this.report(url, change);
      await this.forget(url, origin);
    }
    return true;
  }

  status(): FeedStatus[] {
    return [...this.feeds.values()].map(({ url, title, lastSuccessAt, failures, lastError, nextAttemptAt }) => ({
      url,
      title,
      lastSuccessAt,
      failures,
      lastError,
      nextAttemptAt,
      ...(this.options.readElsewhere ? { readElsewhere: true } : {}),
    }));
  }

  /** Polls at once, then every interval after each round ends (rounds never overlap). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.round();
  }

  /**
   * Reads the feeds never polled yet (just added) now rather than at the next interval; the others
   * wait for their round, which keeps its time. A poll under way (which may have started before the
   * feed was added, as at start-up) is let finish and this one starts straight after it, so polls
   * still never overlap.
   */
  pollSoon(): void {
    if (this.stopped || this.newFeedsQueued) return;
    this.newFeedsQueued = true;
    void this.serially(() => {
      this.newFeedsQueued = false;
      // Every poll of a feed either succeeds or counts a failure, so these were never polled.
      const unread = [...this.feeds.values()].filter((feed) => feed.lastSuccessAt === null && feed.failures === 0);
      return this.pollFeeds(unread);
    });
  }

  private async round(): Promise<void> {
    this.timer = null;
    await this.serially(() => this.pollDue());
    if (!this.stopped) this.timer = setTimeout(() => void this.round(), this.options.intervalMs);
  }

  /** Runs `poll` once the poll queued before it has ended (skipped if stopped by then). */
  private async serially(poll: () => Promise<void>): Promise<void> {
    const previous = this.running;
    const current = (async () => {
      await previous;
      if (!this.stopped) await poll();
    })();
    this.running = current;
    await current;
    if (this.running === current) this.running = null;
  }

  /** Stops polling and waits for a round in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: every feed not backing off is polled, side by side; one feed's failure never stops another. */
  async pollDue(): Promise<void> {
    const now = this.now();
    await this.pollFeeds([...this.feeds.values()].filter((feed) => feed.nextAttemptAt <= now));
  }

  private async pollFeeds(feeds: readonly FeedState[]): Promise<void> {
    await Promise.all(feeds.map((feed) => this.pollFeed(feed)));
  }

  private async pollFeed(feed: FeedState): Promise<void> {
    try {
      const reads = await this.readFeed(feed);
      feed.failures = 0;
      feed.lastError = null;
      feed.nextAttemptAt = 0;
      feed.lastSuccessAt = this.now();
      // Saved after the change is reported: a crash in between reads the item again on the next
      // start, and announcing is idempotent; saved first, the announcement could be lost.
      for (const { item, change } of reads) {
        if (change) await this.report(feed.url, change);
        await this.save(feed, item);
      }
    } catch (error) {
      feed.failures += 1;
      feed.lastError = FEED_UNREADABLE;
      // Doubles with each failure in a row: one missed round after the first, three after the second…
      const backoffMs = Math.min(this.maxBackoffMs, this.options.intervalMs * 2 ** feed.failures);
      feed.nextAttemptAt = this.now() + backoffMs;
      this.options.logger.warn(
        { feed: feed.url, reason: describeError(error, this.timeoutMs), failures: feed.failures, retryInMs: backoffMs },
        'feed poll failed',
      );
    }
  }

  private async readFeed(feed: FeedState): Promise<ItemRead[]> {
    const headers: Record<string, string> = { accept: ACCEPT_FEED };
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    // Conditional request: an unchanged feed costs the server (and us) a 304 with no body.
    if (feed.etag) headers['if-none-match'] = feed.etag;
    if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
    const response = await this.fetch(feed.url, { headers, signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 304) {
      await response.body?.cancel();
      this.options.logger.debug({ feed: feed.url }, 'feed not modified');
      return [];
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedError(`HTTP ${response.status}`);
    }
    const body = await response.text();
    let parsed: Awaited<ReturnType<Parser['parseString']>>;
    try {
      parsed = await this.parser.parseString(body);
    } catch (error) {
      throw new FeedError(`malformed feed: ${firstLine(error)}`);
    }
    feed.title = parsed.title?.trim() || null;
    const reads: ItemRead[] = [];
    for (const item of parsed.items as FeedItem[]) {
      const read = await this.readItem(feed, item);
      if (read) reads.push(read);
    }
    // Remembered only once the body has been read in full, so a failed round is fetched again in full.
    feed.etag = response.headers.get('etag');
    feed.lastModified = response.headers.get('last-modified');
    return reads;
  }

  /** A new or changed item, read (its page too, if need be); null when unchanged or unreadable. */
  private async readItem(feed: FeedState, item: FeedItem): Promise<ItemRead | null> {
    const key = itemKey(item);
    if (!key) {
      this.options.logger.warn({ feed: feed.url }, 'feed item without guid, link or title skipped');
      return null;
    }
    const origin = `${feed.url} ${key}`;
    const fingerprint = itemFingerprint(item);
    if (feed.seen.get(origin) === fingerprint) return null;
    let text = itemText(item);
    if (text.length < MIN_ARTICLE_CHARS && item.link) {
      const page = await this.readPage(feed, new URL(item.link, feed.url).href);
      if (page && page.length > text.length) text = page;
    }
    if (!text) {
      this.options.logger.warn({ feed: feed.url, item: key }, 'feed item without text skipped');
      return null;
    }
    feed.seen.set(origin, fingerprint);
    const article = feedItemArticle(item, text, { source: feed.title, fallbackOrigin: origin });
    return {
      item: { origin, feedUrl: feed.url, fingerprint, article },
      change: this.index.transition(origin, article),
    };
  }

  /** The linked page's article text; null (logged) when it cannot be had, so the summary is used. */
  private async readPage(feed: FeedState, url: string): Promise<string | null> {
    try {
      const response = await this.fetch(url, {
        headers: { accept: ACCEPT_PAGE, ...(this.options.userAgent ? { 'user-agent': this.options.userAgent } : {}) },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new FeedError(`HTTP ${response.status}`);
      }
      return await extractPageText(await response.text());
    } catch (error) {
      this.options.logger.warn(
        { feed: feed.url, page: url, reason: describeError(error, this.timeoutMs) },
        'article page could not be read; using the feed summary',
      );
      return null;
    }
  }

  private async report(feedUrl: string, change: ArticleChange): Promise<void> {
    try {
      await this.options.onChange(change);
    } catch (err) {
      this.options.logger.error({ err, feed: feedUrl, kind: change.kind }, 'feed change listener failed');
    }
  }

  private async save(feed: FeedState, item: ReadFeedItem): Promise<void> {
    if (!this.options.saved) return;
    try {
      await this.options.saved.save(item);
    } catch (err) {
      // Not marked as read, so it is read (and saved) again the next time the feed is fetched in full.
      feed.seen.delete(item.origin);
      this.options.logger.error({ err, feed: feed.url, item: item.origin }, 'feed item could not be saved');
    }
  }

  private async forget(feedUrl: string, origin: string): Promise<void> {
    try {
      await this.options.saved?.delete(origin);
    } catch (err) {
      this.options.logger.error({ err, feed: feedUrl, item: origin }, 'feed item could not be deleted');
    }
  }
}

/** The reason for the operator's log. */
function describeError(error: unknown, timeoutMs: number): string {
  const timedOut = (value: unknown) => value instanceof DOMException && value.name === 'TimeoutError';
  // node:http reports an aborted request as an AbortError whose cause is the signal's reason.
  if (timedOut(error) || (error instanceof Error && timedOut(error.cause))) return `timed out after ${timeoutMs} ms`;
  if (error instanceof RefusedFetchError) return `refused: ${error.message}`;
  if (error instanceof FeedError) return error.message;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${firstLine(error)}${cause}`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
