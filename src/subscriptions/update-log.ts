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

/** The log of announced updates that digests are gathered from (implemented by src/store). */
export interface UpdateLog {
  /** Logs an announced update for digests; false (and nothing changed) when its key is already logged. */
  logUpdate(update: NewLoggedUpdate): Promise<boolean>;
  /** Updates logged after `since` and, when given, at or before `until`, oldest first. */
  listUpdatesSince(since: Date, until?: Date): Promise<LoggedUpdate[]>;
  /** The newest `limit` updates logged after `since`, oldest first: a bounded read of the story so far. */
  listLatestUpdates(since: Date, limit: number): Promise<LoggedUpdate[]>;
}
