import type { FeedPoller, FeedStatus } from './feed-poller.js';
import type { FeedStore } from './feed-records.js';

/** What of a feed poller /feed drives: a running poller, or an idle one in a process that does not ingest. */
export type FeedControl = Pick<FeedPoller, 'addFeed' | 'removeFeed' | 'status' | 'pollSoon'>;

export type AddFeedOutcome = 'added' | 'already-followed' | 'configured';
export type RemoveFeedOutcome = 'removed' | 'configured' | 'unknown';

export interface ListedFeed extends FeedStatus {
  /** Set in FEEDS (changed only by the operator) or added with /feed (kept in the store). */
  origin: 'config' | 'added';
}

/**
 * The feeds Newsdesk follows, as /feed manages them: those configured in FEEDS, and those added at
 * run time, which are kept in the store so they survive a restart and are polled by every process.
 * Adding one polls it at once, so the person who added it sees whether it works. Removing one
 * withdraws the articles read from it (from answers and from the store), whereas items that merely
 * drop off a feed's window stay.
 */
export class FeedManager {
  private readonly configured: ReadonlySet<string>;

  constructor(
    private readonly store: FeedStore,
    private readonly poller: FeedControl,
    configured: readonly string[],
  ) {
    this.configured = new Set(configured);
  }

  /**
   * Brings the feeds polled in step with the store, where earlier runs and other processes add and
   * remove them with /feed: stored ones not polled yet are read at once (the configured ones are
   * read by the round that started with the poller); added ones no longer stored are removed
   * (their articles withdrawn). Configured feeds stay.
   */
  async sync(): Promise<void> {
    // Looked at before reading the store: a feed added meanwhile was stored before it was polled.
    const polled = new Set(this.poller.status().map((status) => status.url));
    const stored = new Set((await this.store.listFeeds()).map((feed) => feed.url));
    const unread = [...stored].filter((url) => !polled.has(url));
    for (const url of unread) this.poller.addFeed(url);
    if (unread.length) this.poller.pollSoon();
    for (const url of polled) {
      if (!stored.has(url) && !this.configured.has(url)) await this.poller.removeFeed(url);
    }
  }

  async add(url: string, guildId: string, userId: string): Promise<AddFeedOutcome> {
    if (this.configured.has(url)) return 'configured';
    const { added } = await this.store.addFeed({ guildId, url, addedBy: userId });
    this.poller.addFeed(url);
    // Reads just this feed, if new; the others keep to their interval.
    this.poller.pollSoon();
    return added ? 'added' : 'already-followed';
  }

  async remove(url: string): Promise<RemoveFeedOutcome> {
    if (this.configured.has(url)) return 'configured';
    const removed = await this.store.removeFeed(url);
    // Its articles leave answers and the store with it; another feed's copy of one stays.
    await this.poller.removeFeed(url);
    return removed ? 'removed' : 'unknown';
  }

  list(): ListedFeed[] {
    return this.poller
      .status()
      .map((status) => ({ ...status, origin: this.configured.has(status.url) ? 'config' : 'added' }));
  }
}
