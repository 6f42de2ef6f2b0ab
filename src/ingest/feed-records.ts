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

/** Where run-time feeds and their items' articles are kept (implemented by src/store). */
export interface FeedStore {
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
}
