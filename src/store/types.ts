import type { ArticleStore } from '../corpus/article-store.js';
/**
 * What Newsdesk keeps between restarts: channel subscriptions, the articles it has seen (to tell a
 * new story from an updated one) and the delivery outbox. Delivery is data, after MonitoRSS: one
 * outbox row per (update, channel), with a status, attempts and a backoff, visible to the people
 * who subscribed. Every operation is async so SQLite and PostgreSQL fit the same interface.
 */

export type DeliveryMode = 'every' | 'digest';

/** When a digest subscription posts: a wall-clock time in an IANA time zone. */
export interface DigestSchedule {
  /** 24-hour `HH:MM`, e.g. `18:30`. */
  time: string;
  /** IANA zone name, e.g. `Europe/Paris`. */
  timeZone: string;
}

export interface DeliveryFailure {
  at: Date;
  reason: string;
}

export interface Subscription {
  id: string;
  guildId: string;
  channelId: string;
  /** Words or people an update must match; null follows the whole story. */
  topic: string | null;
  mode: DeliveryMode;
  /** Set when `mode` is `digest`, null otherwise. */
  digest: DigestSchedule | null;
  /** The Discord user who subscribed the channel. */
  createdBy: string;
  createdAt: Date;
  paused: boolean;
  pausedReason: string | null;
  lastDeliveryAt: Date | null;
  lastFailure: DeliveryFailure | null;
  /** The slot the last digest covered up to (see `markDigested`); null before the first digest. */
  lastDigestAt: Date | null;
}

export interface NewSubscription {
  guildId: string;
  channelId: string;
  topic?: string | null;
  mode: DeliveryMode;
  digest?: DigestSchedule | null;
  createdBy: string;
}

/** A feed added at run time (`/feed add`), polled alongside the ones in config. */
export interface NewFeed {
  guildId: string;
  url: string;
  /** The Discord user who added it. */
  addedBy: string;
}

export interface Feed extends NewFeed {
  addedAt: Date;
}

export interface AddedFeed {
  feed: Feed;
  /** False when the feed was already there (added by anyone, in any guild): `feed` is that one. */
  added: boolean;
}

/**
 * A feed item's article, kept so it outlives the feed's window (feeds carry only their latest items)
 * and restarts. Holds what the article is built from (`buildArticle`'s text, metadata and origin),
 * not what is derived from it, and the item's fingerprint, so an unchanged item is not read again.
 */
export interface NewFeedArticle {
  /** The ingest origin: the feed's URL and the item's key (`<feed url> <item key>`). */
  origin: string;
  feedUrl: string;
  /** What the poller compares to tell a changed item from an unchanged one. */
  fingerprint: string;
  /** The article's own origin: the item's link, or the ingest origin when it has none. */
  articleOrigin: string;
  title: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  source: string | null;
  url: string | null;
  author: string | null;
  text: string;
}

export interface FeedArticle extends NewFeedArticle {
  /** When it was last saved (the store's clock). */
  updatedAt: Date;
}

/** How an article compares with what was seen before under the same origin and id. */
export type ArticleChange = 'new' | 'updated' | 'unchanged';

export interface ArticleVersion {
  change: ArticleChange;
  /** 1 for the first version seen, one more for each change of content hash. */
  version: number;
}

/** What the store last recorded for an article: its content hash and version. */
export interface SeenArticle {
  contentHash: string;
  version: number;
}

/** One announced update, kept so digests can gather what was announced over a day. */
export interface NewLoggedUpdate {
  /** The outbox key the update was announced under; unique in the log. */
  updateKey: string;
  articleId: string;
  /** The ingest origin (a seeds path, a feed item key). */
  origin: string;
  kind: 'new' | 'updated';
  /** The article's headline. */
  title: string;
  /** What a subscription's topic is matched against: the article's title and text. */
  searchText: string;
  /** The update's post as JSON (a Reply): a digest takes its source, date and verbatim sentence from it. */
  payload: string;
}

export interface LoggedUpdate extends NewLoggedUpdate {
  id: number;
  /** When the update was first logged (the store's clock). */
  announcedAt: Date;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** One channel an update goes to. */
export interface DeliveryTarget {
  guildId: string;
  channelId: string;
  /** The subscription that asked for it: paused with it on a permanent failure. */
  subscriptionId?: string | null;
}

export interface OutboxRow {
  id: number;
  /** What is delivered, e.g. `seeds:strike.md:v2` or a digest key; with the channel, unique. */
  updateKey: string;
  guildId: string;
  channelId: string;
  subscriptionId: string | null;
  /** Opaque text the enqueuer attaches (e.g. JSON the sender needs); null when none. */
  payload: string | null;
  status: OutboxStatus;
  /** Why the row failed, was skipped, or is waiting for a retry. */
  reason: string | null;
  /** Times the row has been claimed for sending. */
  attempts: number;
  /** Not claimable before this (the backoff). */
  nextAttemptAt: Date;
  /** Stable per (update, channel): sent as Discord's message nonce so a resend is recognised. */
  idempotencyKey: string;
  claimedBy: string | null;
  leaseExpiresAt: Date | null;
  sentMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnqueueOptions {
  payload?: string | null;
}

export interface ListOutboxOptions {
  /** Newest first, at most this many (default DEFAULT_OUTBOX_PAGE). */
  limit?: number;
  status?: OutboxStatus;
}

export const DEFAULT_OUTBOX_PAGE = 25;

/** Retry at this time, or never. */
export type RetryAt = Date | 'permanent';

export interface Store {
  /** Articles and their analysis, kept across restarts (src/corpus/article-store.ts). */
  readonly articles: ArticleStore;
  addSubscription(subscription: NewSubscription): Promise<Subscription>;
  /** Removes one of this guild's subscriptions; its undelivered rows become `skipped`. False when none matched. */
  removeSubscription(guildId: string, id: string): Promise<boolean>;
  listSubscriptions(guildId: string): Promise<Subscription[]>;
  /** Every subscription that is not paused, in every guild: the fan-out list for a new update. */
  listActiveSubscriptions(): Promise<Subscription[]>;
  getSubscription(id: string): Promise<Subscription | null>;
  pauseSubscription(id: string, reason: string): Promise<void>;
  resumeSubscription(id: string): Promise<void>;

  /**
   * Marks a subscription's digest as sent up to `at` (the slot's instant). Only ever moves
   * forward: false when the subscription is gone or already marked at or after `at`.
   */
  markDigested(subscriptionId: string, at: Date): Promise<boolean>;

  /** Adds a feed to poll; adding a URL already there is not an error (see `AddedFeed.added`). */
  addFeed(feed: NewFeed): Promise<AddedFeed>;
  /** False when no feed had this URL. */
  removeFeed(url: string): Promise<boolean>;
  /** Every feed added at run time, oldest first. */
  listFeeds(): Promise<Feed[]>;

  /** Saves a feed item's article under its origin, replacing what was saved there before. */
  saveFeedArticle(article: NewFeedArticle): Promise<void>;
  /** False when nothing was saved under this origin. */
  removeFeedArticle(origin: string): Promise<boolean>;
  /** Every saved feed article, or those of one feed, oldest save first. */
  listFeedArticles(feedUrl?: string): Promise<FeedArticle[]>;

  /**
   * What `recordArticleVersion` last recorded for an article, without recording anything; null
   * when never seen. Lets an announcer record the version last, after everything else is done.
   */
  getArticleVersion(origin: string, articleId: string): Promise<SeenArticle | null>;
  /**
   * Records the content hash of an article and says whether it is new, a changed version of one
   * already seen, or unchanged. Atomic: of several processes seeing the same article, one gets `new`.
   */
  recordArticleVersion(origin: string, articleId: string, contentHash: string): Promise<ArticleVersion>;

  /** Logs an announced update for digests; false (and nothing changed) when its key is already logged. */
  logUpdate(update: NewLoggedUpdate): Promise<boolean>;
  /** Updates logged after `since` and, when given, at or before `until`, oldest first. */
  listUpdatesSince(since: Date, until?: Date): Promise<LoggedUpdate[]>;
  /** The newest `limit` updates logged after `since`, oldest first: a bounded read of the story so far. */
  listLatestUpdates(since: Date, limit: number): Promise<LoggedUpdate[]>;

  /**
   * One pending row per target; a target that already has a row for this update key is left alone.
   * Returns the number of rows created.
   */
  enqueue(updateKey: string, targets: readonly DeliveryTarget[], options?: EnqueueOptions): Promise<number>;
  /**
   * Leases up to `limit` due rows to this worker for `leaseMs`. A row is never leased to two
   * workers at once; a row whose lease ran out unacknowledged (a crash) is due again.
   * Rows of paused subscriptions are left waiting.
   */
  claim(workerId: string, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  /**
   * Hands back, at once, the pending rows this worker has leased but not reached (a clean
   * shutdown), so another process or the next start sends them without waiting out the lease.
   * Returns how many were released.
   */
  releaseClaims(workerId: string): Promise<number>;
  markSent(id: number, messageId: string): Promise<void>;
  /**
   * A retryable failure goes back to pending until `retryAt`; a permanent one is `failed` and
   * pauses the row's subscription with the reason. Both are recorded as the subscription's last failure.
   */
  markFailed(id: number, reason: string, retryAt: RetryAt): Promise<void>;
  /** Gives up on a row without an attempt (e.g. the update no longer matches), with the reason. */
  markSkipped(id: number, reason: string): Promise<void>;
  listOutbox(guildId: string, options?: ListOutboxOptions): Promise<OutboxRow[]>;
  /** How many of a guild's outbox rows have this status (all of them, unlike a page of `listOutbox`). */
  countOutbox(guildId: string, status: OutboxStatus): Promise<number>;

  /**
   * Adds model tokens to a guild's count for a UTC day (`YYYY-MM-DD`, see `utcDay`) and returns the
   * day's new total. Atomic: concurrent calls, from any process, all count.
   */
  addTokens(guildId: string, day: string, tokens: number): Promise<number>;
  /**
   * Adds tokens to the day's count only if the total stays within `limit`, and returns the new
   * total, or null (nothing added) when it would not. One atomic step: however many processes
   * reserve at once, the count never passes the limit through reservations.
   */
  reserveTokens(guildId: string, day: string, tokens: number, limit: number): Promise<number | null>;
  /** Takes back tokens reserved but not used (never below 0); returns the day's new total. */
  refundTokens(guildId: string, day: string, tokens: number): Promise<number>;
  /** A guild's model tokens on a UTC day; 0 when none. */
  tokensUsed(guildId: string, day: string): Promise<number>;

  /**
   * Proves the store can be written now, leaving no trace (a write that matches no row), and for
   * SQLite that the file open is still the one at its path (not deleted or replaced). Throws when
   * it cannot; see `isStoreUnavailable`.
   */
  probe(): Promise<void>;

  /** Versions of the schema migrations applied, ascending. */
  migrationVersions(): Promise<number[]>;
  close(): Promise<void>;
}

/** The store's sense of time, injectable so tests can move it. */
export type Clock = () => Date;
